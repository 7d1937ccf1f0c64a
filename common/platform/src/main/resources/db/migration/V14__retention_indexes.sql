-- The retention jobs (OutboxPruner, WebhookPruning) look for old published outbox rows and old succeeded
-- deliveries; without these indexes each of their rounds scans the whole table, which grows with every page.
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX webhook_deliveries_succeeded ON webhook_deliveries (updated_at) WHERE state = 'succeeded';
