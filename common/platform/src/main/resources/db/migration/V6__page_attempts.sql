-- gpu-worker: how often each page was taken without reaching an outcome. Raised before a page is worked on,
-- dropped once its result or dead letter is durable: what stays counts the attempts that failed or killed a
-- worker, and a page past the limit is given up (dead-lettered, reported FAILED) instead of handed on forever.
CREATE TABLE page_attempts (
    chapter_id  UUID        NOT NULL,
    page_number INT         NOT NULL,
    attempts    INT         NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (chapter_id, page_number)
);
