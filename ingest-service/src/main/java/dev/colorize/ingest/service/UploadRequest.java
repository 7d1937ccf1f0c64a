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
 * without reading them, for the {@link #fingerprint()}. {@code forceColor}: the pages colored even when already
 * in color.
 */
public record UploadRequest(String title, String webhookUrl, OutputFormat outputFormat, Integer modelVersion,
        String idempotencyKey, List<String> parts, Supplier<UploadedPages> pages, ForcedColoring forceColor) {

    public UploadRequest(String title, String webhookUrl, OutputFormat outputFormat, Integer modelVersion,
            String idempotencyKey, List<String> parts, Supplier<UploadedPages> pages) {
        this(title, webhookUrl, outputFormat, modelVersion, idempotencyKey, parts, pages, ForcedColoring.none());
    }

    /**
     * SHA-256 hex of what the request asks for: its fields and file parts, each length-prefixed so no two
     * different requests read the same. A retry with the same Idempotency-Key must have the same fingerprint.
     */
    public String fingerprint() {
        List<String> values = new ArrayList<>(Arrays.asList(title, webhookUrl, outputFormat.name(),
                modelVersion == null ? null : modelVersion.toString()));
        values.addAll(parts);
        if (!forceColor.isNone()) { // absent by default, so requests from before the option keep their fingerprints
            values.add("forceColor=" + forceColor.wholeChapter() + ":" + forceColor.pages());
        }
        StringBuilder canonical = new StringBuilder();
        for (String value : values) {
            canonical.append(value == null ? "-" : value.length() + ":" + value).append('\n');
        }
        return Sha256.hex(Sha256.digest(canonical.toString()));
    }
}
