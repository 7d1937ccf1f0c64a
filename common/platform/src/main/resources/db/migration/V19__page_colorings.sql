-- One page-coloring table (issue 25). Every coloring of a page is a row: revision 0 the upload's, 1, 2, ... each
-- recolor's, with what the publisher asked (request: a ColoringRequest as JSON) and what the worker wrote (outputs: a
-- PageOutputs object, file -> object key, so a new kind of output needs no migration). The ingest service's
-- PageColorings is the only writer of its states and of the chapters' counters. 'processing' is not stored: a queued
-- coloring that a worker has taken (a page_attempts row, the worker's own table) is shown as processing.
CREATE TABLE page_colorings (
    chapter_id    UUID NOT NULL,
    page_number   INT NOT NULL,
    revision      INT NOT NULL CHECK (revision >= 0),
    state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'skipped', 'failed')),
    request       JSONB NOT NULL,
    outputs       JSONB NOT NULL DEFAULT '{}',
    model_version INT,
    error         TEXT,
    inference_ms  BIGINT,
    requested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ,
    PRIMARY KEY (chapter_id, page_number, revision),
    FOREIGN KEY (chapter_id, page_number) REFERENCES pages (chapter_id, page_number) ON DELETE CASCADE
);
CREATE INDEX page_colorings_queued ON page_colorings (requested_at) WHERE state = 'queued';

INSERT INTO page_colorings (chapter_id, page_number, revision, state, request, outputs, model_version, error,
                            inference_ms, requested_at, finished_at)
SELECT p.chapter_id, p.page_number, 0, CASE p.state WHEN 'processing' THEN 'queued' ELSE p.state END,
       jsonb_build_object('format', ch.output_format,
                          'outputs', COALESCE(to_jsonb(string_to_array(ch.outputs, ',')), '[]'::jsonb),
                          'quality', ch.output_quality, 'modelVersion', ch.model_version_pin,
                          'forceColor', p.force_color, 'hintsKey', p.hints_key),
       jsonb_strip_nulls(jsonb_build_object('COLORED', p.result_key, 'FLATS', p.flats_key, 'LINES', p.lines_key,
                                            'ORA', p.ora_key, 'PSD', p.psd_key)),
       p.model_version, p.error, p.inference_ms, p.queued_at, p.finished_at
FROM pages p JOIN chapters ch ON ch.id = p.chapter_id;

-- a recolor's job carried the chapter's format, outputs, quality and pin, and its own hints
INSERT INTO page_colorings (chapter_id, page_number, revision, state, request, outputs, model_version, error,
                            requested_at, finished_at)
SELECT r.chapter_id, r.page_number, r.revision, r.state,
       jsonb_build_object('format', ch.output_format,
                          'outputs', COALESCE(to_jsonb(string_to_array(ch.outputs, ',')), '[]'::jsonb),
                          'quality', ch.output_quality, 'modelVersion', ch.model_version_pin,
                          'forceColor', false, 'hintsKey', r.hints_key),
       jsonb_strip_nulls(jsonb_build_object('COLORED', r.result_key, 'FLATS', r.flats_key, 'LINES', r.lines_key,
                                            'ORA', r.ora_key, 'PSD', r.psd_key)),
       r.model_version, r.error, r.requested_at, r.finished_at
FROM page_revisions r JOIN chapters ch ON ch.id = r.chapter_id;

DROP TABLE page_revisions;
ALTER TABLE pages
    DROP COLUMN state,
    DROP COLUMN result_key,
    DROP COLUMN model_version,
    DROP COLUMN error,
    DROP COLUMN inference_ms,
    DROP COLUMN finished_at,
    DROP COLUMN force_color,
    DROP COLUMN flats_key,
    DROP COLUMN lines_key,
    DROP COLUMN ora_key,
    DROP COLUMN hints_key,
    DROP COLUMN psd_key,
    DROP COLUMN revision;
