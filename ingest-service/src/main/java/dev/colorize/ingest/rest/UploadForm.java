package dev.colorize.ingest.rest;

import dev.colorize.ingest.service.UploadRequest;
import dev.colorize.ingest.upload.UploadedPages;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.rest.ApiProblemException;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The upload's text fields and Idempotency-Key header as sent; {@link #toRequest} checks them (each bad
 * value is a 400 naming it) and applies the defaults: blank means absent, the output format is PNG.
 */
record UploadForm(String title, String webhookUrl, String outputFormat, String modelVersion, String idempotencyKey) {

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    UploadRequest toRequest(List<String> parts, Supplier<UploadedPages> pages) {
        return new UploadRequest(blankToNull(title), WebhookUrlField.checked(blankToNull(webhookUrl)),
                parsedOutputFormat(), parsedModelVersion(), checkedIdempotencyKey(), parts, pages);
    }

    private OutputFormat parsedOutputFormat() {
        String value = blankToNull(outputFormat);
        if (value == null) {
            return OutputFormat.PNG;
        }
        try {
            return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.badRequest("invalid-output-format", "outputFormat is PNG or JPEG");
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

    private String checkedIdempotencyKey() {
        String value = blankToNull(idempotencyKey);
        if (value != null && value.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ApiProblemException.badRequest("invalid-idempotency-key",
                    "Idempotency-Key has at most " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
