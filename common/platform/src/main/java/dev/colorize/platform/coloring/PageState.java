package dev.colorize.platform.coloring;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a page's coloring stands. QUEUED until a worker takes it, PROCESSING while one works on it; then DONE
 * (colored), SKIPPED (already in color and passed through unchanged: finished with a result, not failed) or FAILED.
 * Stored and shown in lower case ({@link #dbName()}).
 */
public enum PageState {
    QUEUED, PROCESSING, DONE, SKIPPED, FAILED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the coloring is over: a worker will not change it any more. */
    public boolean finished() {
        return this == DONE || this == SKIPPED || this == FAILED;
    }

    /** Whether the coloring ended with a result a publisher can read (colored, or passed through). */
    public boolean hasResult() {
        return this == DONE || this == SKIPPED;
    }

    public static PageState ofDbName(String name) {
        return Arrays.stream(values()).filter(s -> s.dbName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown page state " + name));
    }
}
