package dev.colorize.ingest.service;

import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.ingest.upload.UploadedPages;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An upload as the service sees it. Pages come from a supplier so an idempotent replay never reads
 * (or inflates) the files it does not need; whoever gets them closes them; {@code parts} describes the uploaded
 * files (name, file name, size) without reading them, for the {@link #fingerprint()}. {@code forceColor}: the pages
 * colored even when already in color; {@code outputs}: what each page gets besides its colored page (null: nothing);
 * {@code quality}: of JPEG or WebP pages (null: the worker's default); {@code seriesId}: the series whose palette
 * the pages' point hints may name (null: none).
 */
public record UploadRequest(String title, String webhookUrl, OutputFormat outputFormat, Integer modelVersion,
        String idempotencyKey, List<String> parts, Supplier<UploadedPages> pages, ForcedColoring forceColor,
        Set<PageOutput> outputs, Integer quality, String seriesId) {

    /** An upload with no options: every page colored when in black and white, the colored pages only. */
    public UploadRequest(String title, String webhookUrl, OutputFormat outputFormat, Integer modelVersion,
            String idempotencyKey, List<String> parts, Supplier<UploadedPages> pages) {
        this(title, webhookUrl, outputFormat, modelVersion, idempotencyKey, parts, pages, ForcedColoring.none(), null,
                null, null);
    }

    /** What the upload asks of every page's coloring (forcing and hints are each page's own). */
    public ColoringRequest options() {
        return new ColoringRequest(outputFormat, outputs, quality, modelVersion, false, null, null);
    }

    /** The outputs as the fingerprint names them: comma-separated names in their declared order, or null. */
    public String outputsColumn() {
        return outputs == null || outputs.isEmpty() ? null
                : String.join(",", outputs.stream().sorted().map(PageOutput::name).toList());
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
        if (outputs != null && !outputs.isEmpty() || quality != null) { // absent: the fingerprint of older uploads
            values.add(outputsColumn());
            values.add(quality == null ? null : quality.toString());
        }
        if (seriesId != null) { // absent: the fingerprint of older uploads
            values.add("seriesId=" + seriesId);
        }
        StringBuilder canonical = new StringBuilder();
        for (String value : values) {
            canonical.append(value == null ? "-" : value.length() + ":" + value).append('\n');
        }
        return Sha256.hex(Sha256.digest(canonical.toString()));
    }
}
