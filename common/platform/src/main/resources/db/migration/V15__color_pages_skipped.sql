-- Pages already in color (a color cover, a color spread) are passed through unchanged by the worker: the page
-- state 'skipped' is a finished page with a result (its original bytes), not a failed one. A publisher can force
-- coloring per chapter or per page at upload (force_color). A chapter counts its skipped pages in pages_done (they
-- have a result) and, to tell them apart, in pages_skipped.
ALTER TABLE pages DROP CONSTRAINT pages_state_check;
ALTER TABLE pages ADD CONSTRAINT pages_state_check
    CHECK (state IN ('queued', 'processing', 'done', 'failed', 'skipped'));
ALTER TABLE pages ADD COLUMN force_color BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE chapters ADD COLUMN pages_skipped INT NOT NULL DEFAULT 0 CHECK (pages_skipped >= 0);
