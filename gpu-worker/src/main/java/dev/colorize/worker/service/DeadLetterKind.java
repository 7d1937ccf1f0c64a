package dev.colorize.worker.service;

/** Why a job was dead-lettered. A readable job is also reported as a FAILED page, so its chapter still ends. */
public enum DeadLetterKind {
    /** Not a readable PageJob (bad JSON, unknown schema version, missing fields). */
    UNPARSEABLE,
    /** The object store kept failing for the whole retry budget. */
    STORE_FAILED,
    /** The page was taken too often without an outcome: it failed or stopped a worker each time. */
    ATTEMPTS_EXHAUSTED
}
