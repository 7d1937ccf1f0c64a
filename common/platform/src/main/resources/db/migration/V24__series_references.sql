-- ingest-service: reference art per series (issue 24). A publisher adds colored pages or character sheets (and, when
-- it has it, their line art) to one of its series; every page job of the series then names them, so a worker colors
-- the page's regions after the references' colors where they match. A reference belongs to its publisher's series
-- (foreign key: another publisher's series of the same id is another series, and a publisher still goes with its
-- series). Its objects live under references/{publisher}/{series}/ and are its own: a reference made from a finished
-- page holds copies, so source_* only says where it came from (no foreign key: deleting that chapter keeps the
-- reference). lines_key is null when the publisher gave no line art (the worker extracts lines from the colors).
CREATE TABLE series_references (
    id                 UUID PRIMARY KEY,
    publisher_id       UUID NOT NULL,
    series_id          TEXT NOT NULL,
    colored_name       TEXT NOT NULL,
    lines_name         TEXT,
    colored_key        TEXT NOT NULL,
    lines_key          TEXT,
    width              INT NOT NULL CHECK (width > 0),
    height             INT NOT NULL CHECK (height > 0),
    source_chapter_id  UUID,
    source_page_number INT,
    source_revision    INT,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (publisher_id, series_id) REFERENCES series_palettes (publisher_id, series_id) ON DELETE CASCADE,
    CHECK ((lines_key IS NULL) = (lines_name IS NULL)),
    CHECK ((source_chapter_id IS NULL) = (source_page_number IS NULL)
        AND (source_chapter_id IS NULL) = (source_revision IS NULL))
);
-- a series' references in the order they were added: what jobs carry and what the API lists
CREATE INDEX series_references_of_series ON series_references (publisher_id, series_id, created_at, id);

-- What the worker reports of a coloring that had references (PageResult.referenceUse): of the page's regions, how
-- many followed a reference's color. Both null when the coloring had no references (or is not finished).
ALTER TABLE page_colorings
    ADD COLUMN reference_regions   INT CHECK (reference_regions >= 0),
    ADD COLUMN references_followed INT CHECK (references_followed >= 0 AND references_followed <= reference_regions),
    ADD CHECK ((reference_regions IS NULL) = (references_followed IS NULL));
