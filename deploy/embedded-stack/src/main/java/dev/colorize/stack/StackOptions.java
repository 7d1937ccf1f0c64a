package dev.colorize.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How to run the embedded stack.
 *
 * @param dataDir         every server's data lives below it (kafka/, postgres/, s3/) with their logs
 * @param deleteOnClose   true for tests; the local run keeps its data across restarts
 * @param kafkaPartitions partitions of auto-created topics (enough for a few workers in one group)
 */
public record StackOptions(Path dataDir, boolean deleteOnClose, int kafkaPartitions) {

    public static final int DEFAULT_PARTITIONS = 4;

    /** A persistent stack in the given folder. */
    public static StackOptions persistent(Path dataDir) {
        return new StackOptions(dataDir.toAbsolutePath(), false, DEFAULT_PARTITIONS);
    }

    /** A throwaway stack in a new temporary folder, deleted on close. */
    public static StackOptions temporary() {
        try {
            return new StackOptions(Files.createTempDirectory("colorize-stack-"), true, DEFAULT_PARTITIONS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
