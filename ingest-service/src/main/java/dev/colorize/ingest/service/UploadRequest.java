package dev.colorize.ingest.service;

import dev.colorize.ingest.upload.UploadedPages;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.messaging.OutputFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * An upload as the service sees it. Pages come from a supplier so an idempotent replay never reads
 * (or inflates) the files it does not need; whoever gets them closes them; {@code parts} describes the uploaded files (name, file name, size)
 * without reading them, for the {@link #fingerprint()}.
 */
public record UploadRequest(String title, String webhookUrl, OutputFormat outputFormat, Integer modelVersion,
        String idempotencyKey, List<String> parts, Supplier<UploadedPages> pages) {

    /**
     * SHA-256 hex of what the request asks for: its fields and file parts, each length-prefixed so no two
     * different requests read the same. A retry with the same Idempotency-Key must have the same fingerprint.
     */
    public String fingerprint() {
        List<String> values = new ArrayList<>(Arrays.asList(title, webhookUrl, outputFormat.name(),
                modelVersion == null ? null : modelVersion.toString()));
        values.addAll(parts);
        StringBuilder canonical = new StringBuilder();
        for (String value : values) {
            canonical.append(value == null ? "-" : value.length() + ":" + value).append('\n');
        }
        return Sha256.hex(Sha256.digest(canonical.toString()));
    }
}
