-- ingest-service: what a chapter asks for besides the colored pages, and in which format.
-- outputs: comma-separated PageOutput names (LAYERS, ORA), null for the colored pages only;
-- output_quality: JPEG/WebP quality (1-100), null for the worker's default.
ALTER TABLE chapters ADD COLUMN outputs TEXT;
ALTER TABLE chapters ADD COLUMN output_quality INT CHECK (output_quality BETWEEN 1 AND 100);
ALTER TABLE chapters DROP CONSTRAINT chapters_output_format_check;
ALTER TABLE chapters ADD CONSTRAINT chapters_output_format_check CHECK (output_format IN ('PNG', 'JPEG', 'WEBP'));

-- The layers a worker wrote beside a page's colored result (object keys under the chapter's results), when asked.
ALTER TABLE pages ADD COLUMN flats_key TEXT;
ALTER TABLE pages ADD COLUMN lines_key TEXT;
ALTER TABLE pages ADD COLUMN ora_key TEXT;
