-- A chapter's options as one typed column (issue 25): what its upload asked of every page's coloring, a
-- ColoringRequest as JSON (format, outputs, quality, modelVersion; forceColor and hints are per page, on the
-- page_colorings rows). A new option is a new field of that record, not a new column.
ALTER TABLE chapters ADD COLUMN options JSONB;
UPDATE chapters SET options = jsonb_build_object(
    'format', output_format,
    'outputs', COALESCE(to_jsonb(string_to_array(outputs, ',')), '[]'::jsonb),
    'quality', output_quality, 'modelVersion', model_version_pin, 'forceColor', false, 'hintsKey', NULL);
-- the defaults the dropped columns had: PNG, the colored pages only
ALTER TABLE chapters ALTER COLUMN options SET DEFAULT
    '{"format": "PNG", "outputs": [], "quality": null, "modelVersion": null, "forceColor": false, "hintsKey": null}';
ALTER TABLE chapters ALTER COLUMN options SET NOT NULL;
ALTER TABLE chapters
    DROP COLUMN output_format,
    DROP COLUMN outputs,
    DROP COLUMN output_quality,
    DROP COLUMN model_version_pin;
