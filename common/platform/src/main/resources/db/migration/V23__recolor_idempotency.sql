-- A recolor sent again with the same Idempotency-Key (a client retrying after a lost answer) answers with the revision
-- the first one made instead of queuing another: the key is kept on the coloring it made, unique per page.
ALTER TABLE page_colorings ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX page_colorings_idempotency ON page_colorings (chapter_id, page_number, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
