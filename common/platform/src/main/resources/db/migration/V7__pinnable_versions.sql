-- A chapter may pin the production or canary version, or one an admin has marked pinnable: pins of any
-- other version are refused at upload, so a publisher cannot make the workers load arbitrary versions.
ALTER TABLE model_versions ADD COLUMN pinnable BOOLEAN NOT NULL DEFAULT false;

-- Every change of a version's pinnable mark: who, when, to what.
CREATE TABLE model_pin_audit (
    id         BIGSERIAL PRIMARY KEY,
    version    INT NOT NULL REFERENCES model_versions (version),
    pinnable   BOOLEAN NOT NULL,
    actor      TEXT NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
