-- ingest-service: what an upload with an Idempotency-Key asked for (SHA-256 hex of its fields and file parts), so
-- reusing the key for a different request is refused (422) instead of silently answered with the first chapter.
-- Chapters from before this column have none and replay as before.
ALTER TABLE chapters ADD COLUMN request_fingerprint TEXT;
