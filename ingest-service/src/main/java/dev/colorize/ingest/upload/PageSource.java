package dev.colorize.ingest.upload;

/** One page as uploaded, before inspection: its file name (part or archive entry) and bytes. */
public record PageSource(String fileName, byte[] bytes) {
}
