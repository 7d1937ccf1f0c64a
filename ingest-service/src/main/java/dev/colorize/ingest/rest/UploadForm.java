package dev.colorize.ingest.rest;

import dev.colorize.ingest.service.ForcedColoring;
import dev.colorize.ingest.service.UploadRequest;
import dev.colorize.ingest.upload.UploadedPages;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.rest.ApiProblemException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The upload's text fields and Idempotency-Key header as sent; {@link #toRequest} checks them (each bad
 * value is a 400 naming it) and applies the defaults: blank means absent, the output format is PNG, no page is
 * forced to be colored, the outputs are the colored pages only (outputs: comma-separated "layers", "ora", "psd"), the
 * quality the worker's. forceColor is true or false (every page); forceColorPages lists page numbers and ranges,
 * such as {@code 1,5-6}. seriesId names the series whose palette point hints may refer to (checked by the service).
 */
record UploadForm(String title, String webhookUrl, String outputFormat, String modelVersion, String idempotencyKey,
        String forceColor, String forceColorPages, String outputs, String quality, String seriesId) {

    /** More page numbers than a chapter may have pages is never a typo worth expanding. */
    private static final int MAX_FORCED_PAGES = 100_000;

    UploadForm(String title, String webhookUrl, String outputFormat, String modelVersion, String idempotencyKey) {
        this(title, webhookUrl, outputFormat, modelVersion, idempotencyKey, null, null, null, null, null);
    }

    UploadRequest toRequest(List<String> parts, Supplier<UploadedPages> pages) {
        OutputFormat format = parsedOutputFormat();
        return new UploadRequest(blankToNull(title), WebhookUrlField.checked(blankToNull(webhookUrl)),
                format, parsedModelVersion(), IdempotencyKeyHeader.checked(idempotencyKey), parts, pages,
                new ForcedColoring(parsedForceColor(), parsedForceColorPages()), parsedOutputs(), parsedQuality(format),
                blankToNull(seriesId));
    }

    private boolean parsedForceColor() {
        String value = blankToNull(forceColor);
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiProblemException.badRequest("invalid-force-color", "forceColor is true or false");
    }

    private SortedSet<Integer> parsedForceColorPages() {
        SortedSet<Integer> pages = new TreeSet<>();
        String value = blankToNull(forceColorPages);
        if (value == null) {
            return pages;
        }
        for (String item : value.split(",")) {
            String[] range = item.trim().split("-", -1);
            int first = pageNumber(range[0], item);
            int last = range.length == 2 ? pageNumber(range[1], item) : first;
            if (range.length > 2 || last < first || last - first + pages.size() > MAX_FORCED_PAGES) {
                throw invalidForcedPages(item);
            }
            for (int page = first; page <= last; page++) {
                pages.add(page);
            }
        }
        return pages;
    }

    private static int pageNumber(String text, String item) {
        try {
            int page = Integer.parseInt(text.trim());
            if (page < 1) {
                throw new NumberFormatException();
            }
            return page;
        } catch (NumberFormatException e) {
            throw invalidForcedPages(item);
        }
    }

    private static ApiProblemException invalidForcedPages(String item) {
        return ApiProblemException.badRequest("invalid-force-color-pages", "forceColorPages lists page numbers (from 1)"
                + " and ranges such as 1,5-6; '" + item.trim() + "' is neither");
    }

    /** The extra outputs asked for, or null for the colored pages only. */
    private Set<PageOutput> parsedOutputs() {
        String value = blankToNull(outputs);
        if (value == null) {
            return null;
        }
        Set<PageOutput> parsed = EnumSet.noneOf(PageOutput.class);
        for (String name : value.split(",")) {
            try {
                parsed.add(PageOutput.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiProblemException.badRequest("invalid-outputs",
                        "outputs is a comma-separated list of layers, ora and psd, not '" + name.trim() + "'");
            }
        }
        return parsed;
    }

    private Integer parsedQuality(OutputFormat format) {
        String value = blankToNull(quality);
        if (value == null) {
            return null;
        }
        if (!format.lossy()) {
            throw ApiProblemException.badRequest("invalid-quality", "quality applies to outputFormat JPEG or WEBP; "
                    + format + " is lossless");
        }
        try {
            int q = Integer.parseInt(value);
            if (q < 1 || q > 100) {
                throw new NumberFormatException();
            }
            return q;
        } catch (NumberFormatException e) {
            throw ApiProblemException.badRequest("invalid-quality", "quality is an integer from 1 to 100");
        }
    }

    private OutputFormat parsedOutputFormat() {
        String value = blankToNull(outputFormat);
        if (value == null) {
            return OutputFormat.PNG;
        }
        try {
            return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid-output-format", "outputFormat is PNG, JPEG or WEBP");
        }
    }

    private Integer parsedModelVersion() {
        String value = blankToNull(modelVersion);
        if (value == null) {
            return null;
        }
        try {
            int version = Integer.parseInt(value);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw ApiProblemException.badRequest("invalid-model-version", "modelVersion is a positive integer");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
