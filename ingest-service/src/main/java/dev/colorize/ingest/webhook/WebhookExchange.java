package dev.colorize.ingest.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One webhook POST, bounded as a whole: connecting, the response headers and the body must be done
 * within the deadline, and at most {@link #BODY_BYTES} of the body are read; a receiver that stalls
 * mid-body, or never stops sending, cannot hold the sender. The connection goes to the address the
 * guard checked, not to a fresh lookup of the host (java.net.http cannot be told where to connect,
 * hence the Vert.x client), while the Host header, TLS SNI and certificate verification use the URL's
 * host. Redirects are not followed, and every attempt has its own connection, closed at its end.
 */
final class WebhookExchange implements AutoCloseable {

    static final int BODY_BYTES = 4096;

    /** How an attempt went: the status if headers arrived, and why it failed (null when it succeeded). */
    record Outcome(Integer statusCode, String error) {
    }

    private final Duration deadline;
    private final HttpClient http;

    /** Up to {@code concurrency} attempts connect at once, to one receiver as well as to many. */
    WebhookExchange(Vertx vertx, Duration deadline, int concurrency) {
        this(vertx, deadline, new HttpClientOptions().setMaxPoolSize(concurrency));
    }

    /** The options carry the TLS trust (the JVM's by default); hostname verification is always on. */
    WebhookExchange(Vertx vertx, Duration deadline, HttpClientOptions options) {
        this.deadline = deadline;
        this.http = vertx.createHttpClient(new HttpClientOptions(options)
                .setConnectTimeout((int) deadline.toMillis())
                .setVerifyHost(true)
                .setKeepAlive(false));
    }

    /**
     * Posts the body to the URL over a connection to pinned (or to the host's address when null), done within
     * {@code within}: what the address lookup left of the attempt's deadline.
     */
    Outcome post(URI url, InetAddress pinned, Map<String, String> headers, String body, Duration within) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url.toString())
                .setFollowRedirects(false);
        if (pinned != null) {
            int port = url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
            options.setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(pinned, port)));
        }
        headers.forEach(options::putHeader);

        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicReference<Integer> headersStatus = new AtomicReference<>();
        AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();
        http.request(options).onFailure(done::completeExceptionally).onSuccess(request -> {
            inFlight.set(request);
            if (done.isDone()) { // the deadline passed while connecting
                request.reset();
                return;
            }
            request.response().onFailure(done::completeExceptionally).onSuccess(response -> {
                headersStatus.set(response.statusCode());
                AtomicLong bytesLeft = new AtomicLong(BODY_BYTES);
                response.exceptionHandler(done::completeExceptionally);
                response.endHandler(end -> done.complete(response.statusCode()));
                response.handler(chunk -> {
                    if (bytesLeft.addAndGet(-chunk.length()) <= 0 && done.complete(response.statusCode())) {
                        request.reset(); // enough read: closes the connection instead of draining the rest
                    }
                });
            });
            request.end(Buffer.buffer(body)).onFailure(done::completeExceptionally);
        });
        try {
            int status = done.get(within.toNanos(), TimeUnit.NANOSECONDS);
            return new Outcome(status, status / 100 == 2 ? null : "HTTP " + status);
        } catch (TimeoutException e) {
            abort(done, inFlight);
            Integer status = headersStatus.get();
            // named by the attempt's deadline, which the lookup's share belongs to
            return new Outcome(status, status == null ? "no response within " + deadline.toMillis() + " ms"
                    : "HTTP " + status + ", then the body stalled: not complete within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome(headersStatus.get(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            abort(done, inFlight);
            Thread.currentThread().interrupt();
            return new Outcome(headersStatus.get(), "interrupted");
        }
    }

    /** Ends the attempt and closes its connection, whether it is still connecting or already sent. */
    private static void abort(CompletableFuture<Integer> done, AtomicReference<HttpClientRequest> inFlight) {
        done.cancel(false);
        HttpClientRequest request = inFlight.get();
        if (request != null) {
            request.reset();
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
