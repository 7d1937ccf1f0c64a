package dev.colorize.ingest.upload;

import java.nio.file.Path;

/**
 * One page as uploaded, before inspection: its file name (part or archive entry) and its bytes on disk (the
 * part Quarkus spooled, or the entry inflated into the upload's spool folder), never in memory.
 */
public record PageSource(String fileName, Path file, long size) {
}
