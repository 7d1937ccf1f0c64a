-- ingest-service: series ids are each publisher's own (issue 26 item 6). Under V17 a series id was global and
-- belonged to the first publisher to store its palette, so anyone could squat a slug and the 404 of another's series
-- told who had which. Now (publisher_id, series_id) is the key: another publisher's series of the same name is a
-- different series, and a row is a publisher's series whether or not its palette has entries yet.
ALTER TABLE series_palettes DROP CONSTRAINT series_palettes_pkey;
ALTER TABLE series_palettes ADD PRIMARY KEY (publisher_id, series_id);
ALTER TABLE series_palettes ALTER COLUMN entries SET DEFAULT '{"entries":[]}';

-- A chapter's series is one of its own publisher's: chapters that named a series without a palette of their
-- publisher's (allowed before) get that series, empty, so the key below holds for every row.
INSERT INTO series_palettes (publisher_id, series_id)
SELECT DISTINCT publisher_id, series_id FROM chapters WHERE series_id IS NOT NULL
ON CONFLICT DO NOTHING;
ALTER TABLE chapters ADD CONSTRAINT chapters_series_of_publisher
    FOREIGN KEY (publisher_id, series_id) REFERENCES series_palettes (publisher_id, series_id);
