package dev.colorize.worker.service;

/** Why a job was dead-lettered. */
public enum DeadLetterKind {
    /** Not a readable PageJob (bad JSON, unknown schema version, missing fields). */
    UNPARSEABLE,
    /** The object store kept failing through every retry (or refused the call). */
    STORE_FAILED
}
