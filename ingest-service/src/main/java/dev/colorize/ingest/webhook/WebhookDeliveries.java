package dev.colorize.ingest.webhook;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.platform.webhook.ChapterWebhook;
import dev.colorize.platform.coloring.ReferenceUse;
import dev.colorize.platform.webhook.PageRecoloredWebhook;
import dev.colorize.service.persistence.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Deliveries and their attempts are rows: the retry schedule survives restarts, and a delivery claimed
 * by a process that then died becomes due again when its lease runs out.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private final Jdbc jdbc;
    private final RetrySchedule schedule;
    private final Duration lease;

    public WebhookDeliveries(Jdbc jdbc, IngestConfig config) {
        this.jdbc = jdbc;
        this.schedule = new RetrySchedule(config.webhook().retrySchedule());
        this.lease = config.webhook().claimLease();
    }

    /**
     * Inside the transaction that made the chapter final: the event to the chapter's or publisher's URL, naming
     * each failed page and why.
     */
    public void enqueueChapterFinished(Connection c, ChapterRow chapter, List<ChapterWebhook.FailedPage> failures)
            throws SQLException {
        Optional<String> url = url(c, chapter);
        if (url.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        ChapterWebhook event = ChapterWebhook.finished(chapter.id(), chapter.title(), chapter.state(),
                chapter.pageCount(), chapter.pagesDone(), chapter.pagesFailed(), chapter.pagesSkipped(), failures, now);
        insert(c, chapter, event.type(), url.get(), event.toJson(), now);
    }

    /**
     * Inside the transaction that finished a recolor: page.recolored to the chapter's or publisher's URL, delivered
     * (signed, retried, recorded) as the chapter's webhook is.
     */
    public void enqueuePageRecolored(Connection c, UUID chapterId, int pageNumber, int revision, String state,
            String error, ReferenceUse references) throws SQLException {
        ChapterRow chapter = Jdbc.queryOne(c, "SELECT * FROM chapters WHERE id = ?", ChapterRow.MAPPER, chapterId)
                .orElseThrow();
        Optional<String> url = url(c, chapter);
        if (url.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        PageRecoloredWebhook event = PageRecoloredWebhook.finished(chapterId, pageNumber, revision, state, error,
                references, now);
        insert(c, chapter, event.type(), url.get(), event.toJson(), now);
    }

    private static Optional<String> url(Connection c, ChapterRow chapter) throws SQLException {
        return Jdbc.query(c, "SELECT coalesce(?, default_webhook_url) FROM publishers WHERE id = ?",
                r -> r.getString(1), chapter.webhookUrl(), chapter.publisherId()).stream().filter(u -> u != null).findFirst();
    }

    private void insert(Connection c, ChapterRow chapter, String type, String url, String payload, Instant now)
            throws SQLException {
        Jdbc.update(c, """
                INSERT INTO webhook_deliveries (id, publisher_id, chapter_id, event_type, url, payload, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), chapter.publisherId(), chapter.id(), type, url, payload,
                schedule.firstAttemptAt(now));
    }

    /** Claims due deliveries for one send each; they become due again only if the send is never recorded. */
    public List<Delivery> claimDue(int limit) {
        return jdbc.query("""
                UPDATE webhook_deliveries SET next_attempt_at = ?, updated_at = now()
                WHERE id IN (SELECT id FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= now()
                             ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING *""", Delivery::map, Instant.now().plus(lease), limit);
    }

    /** Records the attempt and moves the delivery on: succeeded, the next slot of the schedule, or failed. */
    public void recordAttempt(Delivery delivery, Integer statusCode, String error, long durationMs, boolean success) {
        int attempt = delivery.attemptCount() + 1;
        Optional<Instant> retry = success ? Optional.empty() : schedule.retryAt(attempt, Instant.now());
        String state = success ? "succeeded" : retry.isPresent() ? "pending" : "failed";
        Instant next = retry.orElse(null);
        jdbc.inTransaction(c -> {
            Jdbc.update(c, """
                    INSERT INTO webhook_attempts (delivery_id, attempt_number, status_code, error, duration_ms)
                    VALUES (?, ?, ?, ?, ?)""", delivery.id(), attempt, statusCode, error, durationMs);
            return Jdbc.update(c, """
                    UPDATE webhook_deliveries SET attempt_count = ?, state = ?, next_attempt_at = ?, updated_at = now()
                    WHERE id = ?""", attempt, state, next, delivery.id());
        });
    }

    public List<Delivery> list(UUID publisherId, UUID chapterId, int limit) {
        return jdbc.query("""
                SELECT * FROM webhook_deliveries WHERE publisher_id = ? AND (CAST(? AS UUID) IS NULL OR chapter_id = ?)
                ORDER BY created_at DESC LIMIT ?""", Delivery::map, publisherId, chapterId, chapterId, limit);
    }

    public Optional<Delivery> find(UUID publisherId, UUID id) {
        return jdbc.queryOne("SELECT * FROM webhook_deliveries WHERE publisher_id = ? AND id = ?", Delivery::map,
                publisherId, id);
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return jdbc.query("SELECT * FROM webhook_attempts WHERE delivery_id = ? ORDER BY attempt_number", Attempt::map,
                deliveryId);
    }

    /** Sends the same event (same webhook-id) once more, now; false when there is no such delivery. */
    public boolean resend(UUID publisherId, UUID id) {
        return jdbc.update("""
                UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = now(), updated_at = now()
                WHERE publisher_id = ? AND id = ?""", publisherId, id) == 1;
    }
}
