package dev.colorize.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.colorize.platform.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The publisher's side of a webhook, on loopback: verifies each delivery's Standard Webhooks
 * signature, answers 204 when valid (401 otherwise, so the sender retries), and keeps what it received.
 */
final class WebhookReceiver implements AutoCloseable {

    /** One delivery as received, with the outcome of the signature check. */
    record Received(String id, String body, boolean signatureValid, Instant at) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstValid = new CountDownLatch(1);
    /** The signing secrets of the publishers whose deliveries it takes (the fault run has several). */
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** A publisher's signing secret; set before its first delivery can arrive. */
    void trust(String webhookSecret) {
        secrets.add(webhookSecret);
    }

    /**
     * The first delivery whose signature verified, or null if none came in time; {@code check} runs between short
     * waits and may end the wait by throwing (a dead sender).
     */
    Received awaitValid(Duration timeout, Runnable check) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!firstValid.await(250, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            check.run();
        }
        return received.stream().filter(Received::signatureValid).findFirst().orElse(null);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst(WebhookSignature.ID_HEADER);
            boolean valid = secrets.stream().anyMatch(secret -> WebhookSignature.verify(secret, id,
                    headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), body,
                    headers.getFirst(WebhookSignature.SIGNATURE_HEADER), Instant.now(), WebhookSignature.DEFAULT_TOLERANCE));
            received.add(new Received(id, body, valid, Instant.now()));
            exchange.sendResponseHeaders(valid ? 204 : 401, -1);
            if (valid) {
                firstValid.countDown();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
