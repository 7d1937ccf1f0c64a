package dev.colorize.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ingest.config.IngestConfigs;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS rebinding: the name a webhook URL carries is looked up once, by the guard, and the POST goes to
 * the address that lookup gave and the guard judged, however the name resolves afterwards. A scripted
 * resolver answers 127.0.0.1 (allowed here as the test's "public" address) to the first lookup and
 * 127.0.0.2 (standing for an internal target) to any later one; a server listens on each. And the
 * exchange's connection pool lets every sender reach the same receiver at once.
 */
class PinnedWebhookConnectionIT {

    private static final String HOST = "hooks.rebind.test";
    private static final String STORE_PASSWORD = "changeit";

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger lookups = new AtomicInteger();
    private final HostResolver rebinding = host -> {
        if (!host.equals(HOST)) {
            throw new UnknownHostException(host);
        }
        String answer = lookups.getAndIncrement() == 0 ? "127.0.0.1" : "127.0.0.2";
        return new InetAddress[] {InetAddress.getByName(answer)};
    };
    private final WebhookUrlGuard guard = new WebhookUrlGuard(
            IngestConfigs.of(Map.of("colorize.ingest.webhook.ssrf-allow", "127.0.0.0/8")), rebinding);

    /** What a server saw of each request: the address it was reached at, the Host header, the TLS server name. */
    record Seen(String localAddress, String hostHeader, String serverName) {
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void thePostGoesToTheCheckedAddressNotToALaterAnswerForTheName() throws Exception {
        List<Seen> checked = new CopyOnWriteArrayList<>();
        List<Seen> rebound = new CopyOnWriteArrayList<>();
        int port = listen("127.0.0.1", 0, new HttpServerOptions(), checked);
        listen("127.0.0.2", port, new HttpServerOptions(), rebound);

        WebhookExchange.Outcome outcome = deliver(URI.create("http://" + HOST + ":" + port + "/hook"),
                new HttpClientOptions());

        assertThat(outcome.error()).isNull();
        assertThat(outcome.statusCode()).isEqualTo(204);
        assertThat(lookups).as("lookups of the name").hasValue(1);
        assertThat(checked).containsExactly(new Seen("127.0.0.1", HOST + ":" + port, null));
        assertThat(rebound).isEmpty();
    }

    @Test
    void overTlsTheUrlHostIsTheServerNameAndTheNameTheCertificateIsVerifiedFor(@TempDir Path dir) throws Exception {
        Path serverCert = keystore(dir, HOST);
        List<Seen> seen = new CopyOnWriteArrayList<>();
        int port = listen("127.0.0.1", 0, tls(serverCert), seen);
        URI url = URI.create("https://" + HOST + ":" + port + "/hook");

        // the certificate names the host, not 127.0.0.1: it verifies only against the URL's host
        WebhookExchange.Outcome outcome = deliver(url, trusting(serverCert));
        assertThat(outcome.error()).isNull();
        assertThat(seen).containsExactly(new Seen("127.0.0.1", HOST + ":" + port, HOST));

        // hostname verification is on: a certificate the client trusts but issued for another name fails
        Path otherCert = keystore(dir, "other.test");
        int otherPort = listen("127.0.0.1", 0, tls(otherCert), seen);
        lookups.set(0); // a new delivery: its first lookup answers 127.0.0.1 again
        WebhookExchange.Outcome mismatch = deliver(URI.create("https://" + HOST + ":" + otherPort + "/hook"),
                trusting(otherCert));
        assertThat(mismatch.statusCode()).isNull();
        assertThat(mismatch.error()).containsIgnoringCase("SSL");
        assertThat(seen).hasSize(1);
    }

    @Test
    void asManyAttemptsAsTheConcurrencyReachOneReceiverAtOnce() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        int port = vertx.createHttpServer().requestHandler(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            vertx.setTimer(500, t -> {
                inFlight.decrementAndGet();
                request.response().setStatusCode(204).end();
            });
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        URI url = URI.create("http://127.0.0.1:" + port + "/hook");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        int concurrency = 8; // more than Vert.x's default of 5 connections per server
        var senders = Executors.newFixedThreadPool(concurrency);
        try (var exchange = new WebhookExchange(vertx, Duration.ofSeconds(5), concurrency)) {
            List<Future<WebhookExchange.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                outcomes.add(senders.submit(() -> exchange.post(url, loopback, Map.of(), "{}", Duration.ofSeconds(5))));
            }
            for (var outcome : outcomes) {
                assertThat(outcome.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
            }
        } finally {
            senders.shutdownNow();
        }
        assertThat(most).as("requests in flight at once").hasValue(concurrency);
    }

    private WebhookExchange.Outcome deliver(URI url, HttpClientOptions options) {
        WebhookUrlGuard.Verdict verdict = guard.check(url);
        assertThat(verdict.forbidden()).isNull();
        try (var exchange = new WebhookExchange(vertx, Duration.ofSeconds(5), options)) {
            return exchange.post(url, verdict.pinned(), Map.of("content-type", "application/json"), "{}",
                    Duration.ofSeconds(5));
        }
    }

    private int listen(String address, int port, HttpServerOptions options, List<Seen> seen) throws Exception {
        HttpServer server = vertx.createHttpServer(options).requestHandler(request -> request.body().onComplete(b -> {
            seen.add(new Seen(request.connection().localAddress().hostAddress(), request.getHeader("host"),
                    request.connection().indicatedServerName()));
            request.response().setStatusCode(204).end();
        }));
        return server.listen(port, address).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
                .actualPort();
    }

    private static HttpServerOptions tls(Path keystore) {
        return new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(STORE_PASSWORD));
    }

    private static HttpClientOptions trusting(Path keystore) {
        return new HttpClientOptions()
                .setTrustOptions(new PfxOptions().setPath(keystore.toString()).setPassword(STORE_PASSWORD));
    }

    /** A PKCS#12 store with a self-signed certificate whose only name is the given DNS name. */
    private static Path keystore(Path dir, String dnsName) throws Exception {
        Path store = dir.resolve(dnsName + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", dnsName, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + dnsName, "-ext", "SAN=dns:" + dnsName, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", STORE_PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        assertThat(Files.exists(store)).isTrue();
        return store;
    }
}
