package dev.colorize.ingest.rest;

import dev.colorize.ingest.service.ChapterResults;
import dev.colorize.rest.ApiProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;

/** How a result object is handed out: 307 to a presigned URL (delivery=redirect) or its bytes (delivery=stream). */
final class ObjectDelivery {

    private ObjectDelivery() {
    }

    static Response deliver(ChapterResults results, String key, String delivery) {
        return switch (delivery) {
            case "redirect" -> Response.temporaryRedirect(results.presignedUrl(key)).build();
            case "stream" -> Response.ok(streamed(results.open(key)), ChapterResults.mediaType(key)).build();
            default -> throw ApiProblemException.badRequest("invalid-delivery", "delivery is redirect or stream");
        };
    }

    /** Opened before the response, so a store failure is still a problem response; copied on, never held. */
    private static StreamingOutput streamed(InputStream result) {
        return out -> {
            try (result) {
                result.transferTo(out);
            }
        };
    }
}
