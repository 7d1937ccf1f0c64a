-- gpu-worker: attempts are counted per result revision of a page. A recolor (PageJob.revision) is a job of its own:
-- keyed by chapter and page alone, it inherited the count of the upload's job (or another recolor's) still in work,
-- and its outcome deleted that count, so a page that kills workers got three more kills with each recolor.
ALTER TABLE page_attempts ADD COLUMN revision INT NOT NULL DEFAULT 0;
ALTER TABLE page_attempts DROP CONSTRAINT page_attempts_pkey;
ALTER TABLE page_attempts ADD PRIMARY KEY (chapter_id, page_number, revision);
