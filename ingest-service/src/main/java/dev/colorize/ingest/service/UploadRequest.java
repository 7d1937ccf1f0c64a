package dev.colorize.ingest.service;

import dev.colorize.ingest.upload.PageSource;
import dev.colorize.platform.messaging.OutputFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * An upload as the service sees it. Pages come from a supplier so an idempotent replay never reads
 * (or inflates) the files it does not need.
 */
public record UploadRequest(String title, String webhookUrl, OutputFormat outputFormat, Integer modelVersion,
        String idempotencyKey, Supplier<List<PageSource>> pages) {
}
