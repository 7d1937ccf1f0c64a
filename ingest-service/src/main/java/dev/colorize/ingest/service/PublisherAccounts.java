package dev.colorize.ingest.service;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.persistence.ApiKeyRepository;
import dev.colorize.ingest.persistence.PublisherRepository;
import dev.colorize.platform.errors.Refused;
import dev.colorize.platform.webhook.WebhookSignature;
import dev.colorize.service.auth.ApiKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Publishers, their API keys and their webhook settings and signing secrets. */
@ApplicationScoped
public class PublisherAccounts {

    /** A publisher just registered, with its first signing secret (shown once). */
    public record NewPublisher(PublisherRepository.Publisher publisher, String webhookSecret) {
    }

    /** A key just created, with the key itself (shown once). */
    public record NewKey(ApiKeyRepository.KeyInfo info, String key) {
    }

    /** A new signing secret; the previous one keeps signing until {@code previousExpiresAt}. */
    public record RotatedSecret(String secret, Instant previousExpiresAt) {
    }

    private final PublisherRepository publishers;
    private final ApiKeyRepository keys;
    private final IngestConfig config;

    public PublisherAccounts(PublisherRepository publishers, ApiKeyRepository keys, IngestConfig config) {
        this.publishers = publishers;
        this.keys = keys;
        this.config = config;
    }

    /** Registers a publisher (its webhook URL already checked); a name taken is a conflict. */
    public NewPublisher register(String name, String defaultWebhookUrl) {
        String secret = WebhookSignature.newSecret();
        var created = publishers.create(name, defaultWebhookUrl, secret)
                .orElseThrow(() -> Refused.conflict("publisher-exists", "A publisher named " + name + " exists"));
        return new NewPublisher(created, secret);
    }

    public List<PublisherRepository.Publisher> publishers() {
        return publishers.list();
    }

    public NewKey createKey(UUID publisherId, String label) {
        publishers.find(publisherId).orElseThrow(() -> Refused.notFound("Publisher " + publisherId));
        String key = ApiKeys.generate();
        return new NewKey(keys.create(publisherId, ApiKeys.prefix(key), ApiKeys.hash(key), label), key);
    }

    public List<ApiKeyRepository.KeyInfo> keys(UUID publisherId) {
        return keys.list(publisherId);
    }

    /** Revokes an active key: it stops working at once. */
    public void revokeKey(UUID keyId) {
        if (!keys.revoke(keyId)) {
            throw Refused.notFound("Active key " + keyId);
        }
    }

    /** The default webhook URL, used when a chapter names none; null for none. */
    public String defaultWebhookUrl(UUID publisherId) {
        return publishers.find(publisherId).map(PublisherRepository.Publisher::defaultWebhookUrl).orElse(null);
    }

    public void setDefaultWebhookUrl(UUID publisherId, String url) {
        publishers.setDefaultWebhookUrl(publisherId, url);
    }

    public RotatedSecret rotateSecret(UUID publisherId) {
        Instant previousExpiresAt = Instant.now().plus(config.webhook().secretRotationOverlap());
        var secret = publishers.rotateSecret(publisherId, WebhookSignature.newSecret(), previousExpiresAt);
        return new RotatedSecret(secret.secret(), previousExpiresAt);
    }
}
