package dev.colorize.ingest.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One webhook POST, bounded as a whole: connecting, the response headers and the body must be done
 * within the deadline, and at most {@link #BODY_BYTES} of the body are read. HttpRequest.timeout alone
 * covers only the wait for the headers; a receiver that then stalls mid-body, or never stops sending,
 * would hold the sender forever.
 */
final class WebhookExchange {

    static final int BODY_BYTES = 4096;

    /** How an attempt went: the status if headers arrived, and why it failed (null when it succeeded). */
    record Outcome(Integer statusCode, String error) {
    }

    private final Duration deadline;
    private final HttpClient http;

    WebhookExchange(Duration deadline) {
        this.deadline = deadline;
        this.http = HttpClient.newBuilder().connectTimeout(deadline).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Outcome post(HttpRequest request) {
        AtomicReference<Integer> headersStatus = new AtomicReference<>();
        CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, headers -> {
            headersStatus.set(headers.statusCode());
            return new CappedBodyDiscarder(BODY_BYTES);
        });
        try {
            int status = response.get(deadline.toNanos(), TimeUnit.NANOSECONDS).statusCode();
            return new Outcome(status, status / 100 == 2 ? null : "HTTP " + status);
        } catch (TimeoutException e) {
            response.cancel(true); // aborts the exchange and closes its connection
            Integer status = headersStatus.get();
            return new Outcome(status, status == null ? "no response within " + deadline.toMillis() + " ms"
                    : "HTTP " + status + ", then the body stalled: not complete within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Outcome(headersStatus.get(), cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(headersStatus.get(), "interrupted");
        }
    }
}
