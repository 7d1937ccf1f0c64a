-- The models shipped with the project (models/default) that the trainer registered, by their weights' SHA-256: a
-- release shipping other weights registers them once, and they replace production only where production is still an
-- earlier shipped model (no admin promoted another).
CREATE TABLE shipped_models (
    weights_sha256 TEXT PRIMARY KEY CHECK (weights_sha256 ~ '^[0-9a-f]{64}$'),
    version        INT NOT NULL REFERENCES model_versions (version),
    registered_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
