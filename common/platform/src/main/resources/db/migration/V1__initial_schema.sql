-- The platform's schema. Owned by common-platform; every service applies it on start (Flyway).
-- States are TEXT with CHECK constraints rather than enums so later migrations can add values simply.

CREATE TABLE publishers (
    id                  UUID PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    default_webhook_url TEXT,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled_at         TIMESTAMPTZ
);

-- API keys are stored as SHA-256 hashes; the prefix lets people tell keys apart without the secret.
CREATE TABLE api_keys (
    id           UUID PRIMARY KEY,
    publisher_id UUID REFERENCES publishers (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('publisher', 'admin')),
    key_prefix   TEXT NOT NULL,
    key_hash     BYTEA NOT NULL UNIQUE,
    label        TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ,
    CHECK ((role = 'publisher') = (publisher_id IS NOT NULL))
);

-- Webhook signing secrets; during a rotation the old one stays valid until expires_at and both sign.
CREATE TABLE webhook_secrets (
    id           UUID PRIMARY KEY,
    publisher_id UUID NOT NULL REFERENCES publishers (id) ON DELETE CASCADE,
    secret       TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ
);
CREATE INDEX webhook_secrets_publisher ON webhook_secrets (publisher_id, created_at DESC);

CREATE TABLE chapters (
    id                UUID PRIMARY KEY,
    publisher_id      UUID NOT NULL REFERENCES publishers (id) ON DELETE CASCADE,
    title             TEXT,
    state             TEXT NOT NULL DEFAULT 'queued'
                      CHECK (state IN ('queued', 'processing', 'completed', 'completed_with_errors', 'failed')),
    page_count        INT NOT NULL CHECK (page_count > 0),
    pages_done        INT NOT NULL DEFAULT 0,
    pages_failed      INT NOT NULL DEFAULT 0,
    webhook_url       TEXT,
    output_format     TEXT NOT NULL DEFAULT 'PNG' CHECK (output_format IN ('PNG', 'JPEG')),
    model_version_pin INT,
    idempotency_key   TEXT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at      TIMESTAMPTZ,
    UNIQUE (publisher_id, idempotency_key),
    CHECK (pages_done + pages_failed <= page_count)
);
CREATE INDEX chapters_by_publisher ON chapters (publisher_id, created_at DESC, id);

CREATE TABLE pages (
    chapter_id     UUID NOT NULL REFERENCES chapters (id) ON DELETE CASCADE,
    page_number    INT NOT NULL CHECK (page_number >= 1),
    original_name  TEXT,
    source_key     TEXT NOT NULL,
    source_format  TEXT NOT NULL,
    width          INT NOT NULL CHECK (width > 0),
    height         INT NOT NULL CHECK (height > 0),
    byte_size      BIGINT NOT NULL CHECK (byte_size > 0),
    state          TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'processing', 'done', 'failed')),
    result_key     TEXT,
    model_version  INT,
    error          TEXT,
    inference_ms   BIGINT,
    queued_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at    TIMESTAMPTZ,
    PRIMARY KEY (chapter_id, page_number)
);

-- Transactional outbox: rows commit with the business change; a relay publishes them to Kafka in id order.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        TEXT NOT NULL,
    message_key  TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;

-- A delivery's id is the webhook-id header: stable across its retries.
CREATE TABLE webhook_deliveries (
    id              UUID PRIMARY KEY,
    publisher_id    UUID NOT NULL REFERENCES publishers (id) ON DELETE CASCADE,
    chapter_id      UUID REFERENCES chapters (id) ON DELETE SET NULL,
    event_type      TEXT NOT NULL,
    url             TEXT NOT NULL,
    payload         TEXT NOT NULL,
    state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'succeeded', 'failed')),
    attempt_count   INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_publisher ON webhook_deliveries (publisher_id, created_at DESC);

CREATE TABLE webhook_attempts (
    id             BIGSERIAL PRIMARY KEY,
    delivery_id    UUID NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempt_number INT NOT NULL,
    attempted_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    status_code    INT,
    error          TEXT,
    duration_ms    BIGINT NOT NULL,
    UNIQUE (delivery_id, attempt_number)
);

CREATE TABLE training_runs (
    id             UUID PRIMARY KEY,
    state          TEXT NOT NULL DEFAULT 'queued'
                   CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    trigger        TEXT NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    requested_by   TEXT,
    dataset        TEXT NOT NULL,
    config         JSONB NOT NULL,
    parent_version INT,
    step           INT NOT NULL DEFAULT 0,
    total_steps    INT,
    checkpoint_key TEXT,
    error          TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at     TIMESTAMPTZ,
    heartbeat_at   TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ
);

CREATE TABLE training_progress (
    run_id      UUID NOT NULL REFERENCES training_runs (id) ON DELETE CASCADE,
    step        INT NOT NULL,
    d_loss      DOUBLE PRECISION NOT NULL,
    g_gan_loss  DOUBLE PRECISION NOT NULL,
    g_l1_loss   DOUBLE PRECISION NOT NULL,
    step_ms     DOUBLE PRECISION NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, step)
);

CREATE TABLE model_versions (
    version         INT PRIMARY KEY,
    artifact_key    TEXT NOT NULL UNIQUE,
    sha256          TEXT NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    spec            JSONB NOT NULL,
    training_config JSONB,
    dataset         TEXT,
    split           JSONB,
    metrics         JSONB,
    parent_version  INT REFERENCES model_versions (version),
    run_id          UUID REFERENCES training_runs (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE model_aliases (
    alias      TEXT PRIMARY KEY CHECK (alias IN ('production', 'canary')),
    version    INT NOT NULL REFERENCES model_versions (version),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_by TEXT NOT NULL
);

-- Every alias change: who, when, from, to, why; forced when the quality gate was overridden.
CREATE TABLE model_alias_audit (
    id           BIGSERIAL PRIMARY KEY,
    alias        TEXT NOT NULL,
    from_version INT,
    to_version   INT NOT NULL,
    actor        TEXT NOT NULL,
    reason       TEXT,
    forced       BOOLEAN NOT NULL DEFAULT false,
    changed_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
