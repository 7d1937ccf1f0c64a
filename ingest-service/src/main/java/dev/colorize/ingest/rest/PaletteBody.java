package dev.colorize.ingest.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.service.SeriesPalettes;
import dev.colorize.ingest.service.SeriesPalettes.Entry;
import dev.colorize.ingest.service.SeriesPalettes.Palette;
import dev.colorize.rest.ApiProblem;
import dev.colorize.rest.ApiProblemException;
import dev.colorize.rest.BoundedBody;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a palette PUT's body as it streams: no further than its byte limit, and no entry past the entry limit is built,
 * so a body of millions of {@code {}} entries costs a refusal, not the heap. The entries themselves are checked by
 * {@link SeriesPalettes}.
 */
@ApplicationScoped
public class PaletteBody {

    private final ObjectMapper json;
    private final long maxBytes;

    public PaletteBody(ObjectMapper json, IngestConfig config) {
        this.json = json;
        this.maxBytes = config.upload().hints().maxPaletteBytes();
    }

    /** {@code {"entries":[...]}}; other members are ignored, a missing or non-array "entries" gives null entries. */
    public Palette read(InputStream body) {
        try (JsonParser parser = json.getFactory().createParser(BoundedBody.limited(body, maxBytes, () -> tooLarge(
                "The palette has more than the limit of " + maxBytes + " bytes")))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Palette(null);
            }
            List<Entry> entries = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                if ("entries".equals(member) && parser.nextToken() == JsonToken.START_ARRAY) {
                    entries = entries(parser);
                } else {
                    if (!"entries".equals(member)) {
                        parser.nextToken();
                    }
                    parser.skipChildren();
                }
            }
            return new Palette(entries);
        } catch (JsonProcessingException e) {
            throw ApiProblemException.badRequest("invalid-palette", "The palette is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Entry> entries(JsonParser parser) throws IOException {
        List<Entry> entries = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (entries.size() == SeriesPalettes.MAX_ENTRIES) {
                throw tooLarge("The palette has more than the limit of " + SeriesPalettes.MAX_ENTRIES + " entries");
            }
            entries.add(parser.readValueAs(Entry.class));
        }
        return entries;
    }

    private static ApiProblemException tooLarge(String detail) {
        return new ApiProblemException(new ApiProblem("palette-too-large", "Palette too large", 413, detail, null, null,
                "entries"));
    }
}
