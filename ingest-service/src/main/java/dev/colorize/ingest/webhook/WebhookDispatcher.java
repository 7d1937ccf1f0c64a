package dev.colorize.ingest.webhook;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.PublisherRepository;
import dev.colorize.platform.webhook.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Sends due deliveries, signed with every live secret of the publisher. A 2xx within the timeout is
 * success; anything else (another status, a timeout, a refused connection, a forbidden address) is an
 * attempt recorded with its reason, and the delivery waits for its next slot of the schedule.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final int BATCH = 16;
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookDeliveries deliveries;
    private final PublisherRepository publishers;
    private final WebhookUrlGuard guard;
    private final MeterRegistry metrics;
    private final Duration timeout;
    private final HttpClient http;

    public WebhookDispatcher(WebhookDeliveries deliveries, PublisherRepository publishers, WebhookUrlGuard guard,
            MeterRegistry metrics, IngestConfig config) {
        this.deliveries = deliveries;
        this.publishers = publishers;
        this.guard = guard;
        this.metrics = metrics;
        this.timeout = config.webhook().timeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Scheduled(every = "${colorize.ingest.webhook.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        List<Delivery> due;
        while (!(due = deliveries.claimDue(BATCH)).isEmpty()) {
            CompletableFuture.allOf(due.stream().map(this::send).toArray(CompletableFuture[]::new)).join();
        }
    }

    private CompletableFuture<Void> send(Delivery delivery) {
        long started = System.nanoTime();
        URI uri = URI.create(delivery.url());
        String forbidden = guard.forbiddenReason(uri);
        if (forbidden != null) {
            record(delivery, null, "blocked: " + forbidden, started);
            return CompletableFuture.completedFuture(null);
        }
        long timestamp = Instant.now().getEpochSecond();
        List<String> secrets = publishers.activeSecrets(delivery.publisherId()).stream()
                .map(PublisherRepository.Secret::secret).toList();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header(WebhookSignature.ID_HEADER, delivery.id().toString())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(secrets, delivery.id().toString(),
                        timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                record(delivery, null, cause.getClass().getSimpleName() + ": " + cause.getMessage(), started);
            } else {
                int status = response.statusCode();
                record(delivery, status, status / 100 == 2 ? null : "HTTP " + status, started);
            }
            return null;
        });
    }

    private void record(Delivery delivery, Integer status, String error, long startedNanos) {
        boolean success = error == null;
        String reason = error != null && error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        deliveries.recordAttempt(delivery, status, reason, (System.nanoTime() - startedNanos) / 1_000_000, success);
        metrics.counter("colorize.ingest.webhook.attempts", "outcome", success ? "success" : "failure").increment();
    }
}
