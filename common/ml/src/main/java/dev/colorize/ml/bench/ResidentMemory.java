package dev.colorize.ml.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident set size, now and at its peak, from /proc/self/status (Linux). */
public final class ResidentMemory {

    private ResidentMemory() {}

    public static long kib() {
        return field("VmRSS:");
    }

    /** The highest resident set size of the process so far (VmHWM). */
    public static long peakKib() {
        return field("VmHWM:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + name + " in /proc/self/status");
    }
}
