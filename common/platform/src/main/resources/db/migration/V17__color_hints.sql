-- ingest-service: color hints (issue 14). A page's hints at upload are one object (a hint image, or JSON points
-- with palette names resolved), under the chapter's sketches; null for automatic coloring.
ALTER TABLE pages ADD COLUMN hints_key TEXT;

-- Recolors: each makes the page's next result revision (1, 2, ...); revision 0 is the upload's, kept on the page row.
-- pages.revision is the newest revision asked for; every revision's result stays until the chapter is deleted.
ALTER TABLE pages ADD COLUMN revision INT NOT NULL DEFAULT 0 CHECK (revision >= 0);
CREATE TABLE page_revisions (
    chapter_id    UUID NOT NULL,
    page_number   INT NOT NULL,
    revision      INT NOT NULL CHECK (revision >= 1),
    hints_key     TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done', 'failed')),
    result_key    TEXT,
    flats_key     TEXT,
    lines_key     TEXT,
    ora_key       TEXT,
    model_version INT,
    error         TEXT,
    requested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ,
    PRIMARY KEY (chapter_id, page_number, revision),
    FOREIGN KEY (chapter_id, page_number) REFERENCES pages (chapter_id, page_number) ON DELETE CASCADE
);
-- Recolors asked for and not finished yet: the chapter's progress stream runs until they are.
ALTER TABLE chapters ADD COLUMN recolors_pending INT NOT NULL DEFAULT 0 CHECK (recolors_pending >= 0);

-- Series palettes: named colors a publisher keeps per series, so point hints can name "Aiko hair" on every page of
-- every chapter of the series. A series id belongs to the publisher that first stored its palette.
CREATE TABLE series_palettes (
    series_id    TEXT PRIMARY KEY,
    publisher_id UUID NOT NULL REFERENCES publishers (id) ON DELETE CASCADE,
    entries      JSONB NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
ALTER TABLE chapters ADD COLUMN series_id TEXT;
