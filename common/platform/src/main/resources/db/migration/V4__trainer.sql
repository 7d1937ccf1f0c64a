-- The trainer's tables: datasets, their images, its own event outbox; run and audit bookkeeping.

-- A named set of color illustrations. The validation fraction is fixed at creation: changing it would
-- move images between the splits and make metrics of different versions incomparable.
CREATE TABLE datasets (
    name                TEXT PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    validation_fraction DOUBLE PRECISION NOT NULL CHECK (validation_fraction >= 0 AND validation_fraction < 1),
    created_by          TEXT NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Content-addressed: an image is its SHA-256, so re-uploads dedupe; the split follows from the hash.
CREATE TABLE dataset_images (
    dataset     TEXT NOT NULL REFERENCES datasets (name) ON DELETE CASCADE,
    sha256      TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    object_key  TEXT NOT NULL,
    split       TEXT NOT NULL CHECK (split IN ('train', 'validation')),
    width       INT NOT NULL CHECK (width > 0),
    height      INT NOT NULL CHECK (height > 0),
    byte_size   BIGINT NOT NULL CHECK (byte_size > 0),
    source_name TEXT,
    added_by    TEXT NOT NULL,
    added_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset, sha256)
);
CREATE INDEX dataset_images_by_split ON dataset_images (dataset, split, added_at);

-- Which trainer instance holds a run, and from which checkpoint step its last attempt resumed.
ALTER TABLE training_runs ADD COLUMN runner TEXT;
ALTER TABLE training_runs ADD COLUMN attempts INT NOT NULL DEFAULT 0;
ALTER TABLE training_runs ADD COLUMN resumed_from_step INT;
ALTER TABLE training_runs ADD COLUMN model_version INT REFERENCES model_versions (version);

-- Rollbacks pop the promotion history, so the audit says which rows were rollbacks.
ALTER TABLE model_alias_audit ADD COLUMN action TEXT NOT NULL DEFAULT 'promote'
    CHECK (action IN ('promote', 'rollback'));
CREATE INDEX model_alias_audit_by_alias ON model_alias_audit (alias, id);

-- The trainer's model events, written in the transaction of the change they announce and relayed to
-- Kafka after commit (own table: the shared outbox belongs to the ingest service's relay).
CREATE TABLE trainer_outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT NOT NULL,
    message_key  TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX trainer_outbox_unpublished ON trainer_outbox (id) WHERE published_at IS NULL;
