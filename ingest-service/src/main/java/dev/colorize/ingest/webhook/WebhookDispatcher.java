package dev.colorize.ingest.webhook;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.PublisherRepository;
import dev.colorize.platform.webhook.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries, signed with every live secret of the publisher, on a pool of
 * webhook.concurrency senders. The scheduled job claims only as many deliveries as there are idle
 * senders and never waits for them: a claimed delivery is sent at once, well inside its lease, and a
 * slow receiver holds one sender for at most webhook.timeout while the others go on. A 2xx within the
 * timeout is success; anything else (another status, a stalled or missing answer, a refused connection,
 * a forbidden address) is an attempt recorded with its reason, and the delivery waits for its next slot
 * of the schedule.
 */
@Startup
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookDeliveries deliveries;
    private final PublisherRepository publishers;
    private final WebhookUrlGuard guard;
    private final MeterRegistry metrics;
    private final Duration timeout;
    private final WebhookExchange exchange;
    private final Semaphore idleSenders;
    private final ExecutorService senders;

    public WebhookDispatcher(WebhookDeliveries deliveries, PublisherRepository publishers, WebhookUrlGuard guard,
            MeterRegistry metrics, Vertx vertx, IngestConfig config) {
        this.deliveries = deliveries;
        this.publishers = publishers;
        this.guard = guard;
        this.metrics = metrics;
        this.timeout = config.webhook().timeout();
        // an attempt still running when its lease ends would be claimed and sent again by another replica
        if (config.webhook().claimLease().compareTo(timeout.multipliedBy(2)) <= 0) {
            throw new IllegalStateException("colorize.ingest.webhook.claim-lease (" + config.webhook().claimLease()
                    + ") must be more than twice colorize.ingest.webhook.timeout (" + timeout + ")");
        }
        int concurrency = config.webhook().concurrency();
        this.exchange = new WebhookExchange(vertx, timeout, concurrency);
        this.idleSenders = new Semaphore(concurrency);
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(concurrency, task -> {
            Thread thread = new Thread(task, "webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(every = "${colorize.ingest.webhook.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        int idle;
        while ((idle = idleSenders.drainPermits()) > 0) {
            List<Delivery> due = List.of();
            try {
                due = deliveries.claimDue(idle);
            } finally {
                idleSenders.release(idle - due.size());
            }
            due.forEach(delivery -> senders.execute(() -> sendAndRecord(delivery)));
            if (due.size() < idle) {
                return;
            }
        }
    }

    /** Attempts in flight finish (each within the timeout) and are recorded before the database goes. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        senders.shutdown();
        if (!senders.awaitTermination(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
            senders.shutdownNow();
        }
        exchange.close();
    }

    private void sendAndRecord(Delivery delivery) {
        long started = System.nanoTime();
        try {
            WebhookExchange.Outcome outcome = send(delivery);
            record(delivery, outcome, started);
        } catch (RuntimeException e) {
            // e.g. the database is away: the delivery stays claimed and is due again after its lease
            LOG.warnf(e, "Webhook delivery %s could not be sent or recorded", delivery.id());
        } finally {
            idleSenders.release();
        }
    }

    private WebhookExchange.Outcome send(Delivery delivery) {
        long started = System.nanoTime();
        URI uri = URI.create(delivery.url());
        WebhookUrlGuard.Verdict verdict = guard.check(uri); // its lookup is bounded by the same timeout
        if (verdict.forbidden() != null) {
            return new WebhookExchange.Outcome(null, "blocked: " + verdict.forbidden());
        }
        long timestamp = Instant.now().getEpochSecond();
        List<String> secrets = publishers.activeSecrets(delivery.publisherId()).stream()
                .map(PublisherRepository.Secret::secret).toList();
        // one deadline for the attempt as a whole: the exchange gets what the lookup left of it
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        if (left.isNegative() || left.isZero()) {
            return new WebhookExchange.Outcome(null, "no response within " + timeout.toMillis() + " ms (the address "
                    + "lookup took it all)");
        }
        return exchange.post(uri, verdict.pinned(), Map.of(
                "content-type", "application/json",
                WebhookSignature.ID_HEADER, delivery.id().toString(),
                WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp),
                WebhookSignature.SIGNATURE_HEADER, WebhookSignature.header(secrets, delivery.id().toString(),
                        timestamp, delivery.payload())),
                delivery.payload(), left);
    }

    private void record(Delivery delivery, WebhookExchange.Outcome outcome, long startedNanos) {
        String error = outcome.error();
        boolean success = error == null;
        String reason = error != null && error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        deliveries.recordAttempt(delivery, outcome.statusCode(), reason, (System.nanoTime() - startedNanos) / 1_000_000,
                success);
        metrics.counter("colorize.ingest.webhook.attempts", "outcome", success ? "success" : "failure").increment();
    }
}
