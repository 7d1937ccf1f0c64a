package dev.colorize.ingest.service;

import dev.colorize.platform.errors.Refused;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ingest.persistence.SeriesPaletteRepository;
import dev.colorize.platform.hints.ColorHints;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Series palettes: named colors per series, so a point hint naming "Aiko hair" gets the same color on every page of
 * every chapter of the series. Names match ignoring case and surrounding blanks. Series ids are each publisher's own:
 * another publisher's series of the same id is a different series, so no answer depends on what others stored.
 */
@ApplicationScoped
public class SeriesPalettes {

    /** One named color, #rrggbb. */
    public record Entry(String name, String color) {
    }

    /** A series' palette, as PUT and GET carry it. */
    public record Palette(List<Entry> entries) {
    }

    /** Entries of one palette; {@code PaletteBody} stops reading at the one past it. */
    public static final int MAX_ENTRIES = 500;
    private static final Pattern SERIES_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final SeriesPaletteRepository palettes;
    private final ObjectMapper json;

    public SeriesPalettes(SeriesPaletteRepository palettes, ObjectMapper json) {
        this.palettes = palettes;
        this.json = json;
    }

    public Palette get(UUID publisherId, String seriesId) {
        checkSeriesId(seriesId);
        return stored(publisherId, seriesId).orElseThrow(() -> notFound(seriesId));
    }

    private Optional<Palette> stored(UUID publisherId, String seriesId) {
        return palettes.entries(publisherId, seriesId).map(stored -> {
            try {
                return json.readValue(stored, Palette.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("The stored palette of series " + seriesId + " is unreadable", e);
            }
        });
    }

    /** Replaces the series' palette (creating the series for this publisher); its colors are stored lower case. */
    public Palette put(UUID publisherId, String seriesId, Palette palette) {
        checkSeriesId(seriesId);
        Palette checked = checked(palette);
        try {
            palettes.put(publisherId, seriesId, json.writeValueAsString(checked));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return checked;
    }

    /** The series' colors by normalized name; empty without a series or a palette. */
    public Map<String, String> colorsByName(UUID publisherId, String seriesId) {
        Map<String, String> colors = new HashMap<>();
        if (seriesId != null) {
            stored(publisherId, seriesId).ifPresent(p -> p.entries().forEach(e -> colors.put(normalized(e.name()), e.color())));
        }
        return colors;
    }

    /** How names are compared: trimmed, ignoring case. */
    public static String normalized(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static Palette checked(Palette palette) {
        if (palette == null || palette.entries() == null) {
            throw Refused.invalid("invalid-palette", "The palette is {\"entries\":[{\"name\":..,\"color\":\"#rrggbb\"}]}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < palette.entries().size(); i++) {
            Entry e = palette.entries().get(i);
            String which = "Palette entry " + (i + 1);
            if (e == null || e.name() == null || e.name().isBlank()
                    || e.name().trim().length() > ColorHints.MAX_NAME_LENGTH) {
                throw Refused.invalid("invalid-palette", which + " needs a name of 1 to "
                        + ColorHints.MAX_NAME_LENGTH + " characters");
            }
            if (!ColorHints.isColor(e.color())) {
                throw Refused.invalid("invalid-palette", which + " ('" + e.name().trim()
                        + "') needs a color #rrggbb");
            }
            if (!names.add(normalized(e.name()))) {
                throw Refused.invalid("invalid-palette", which + " repeats the name '" + e.name().trim() + "'");
            }
        }
        return new Palette(palette.entries().stream()
                .map(e -> new Entry(e.name().trim(), e.color().toLowerCase(Locale.ROOT))).toList());
    }

    /** A series id an upload or a palette may name (the upload's chapter makes it the publisher's series). */
    public static void checkSeriesId(String seriesId) {
        if (seriesId == null || !SERIES_ID.matcher(seriesId).matches()) {
            throw Refused.invalid("invalid-series-id", "A series id is 1 to 100 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        }
    }

    private static Refused notFound(String seriesId) {
        return Refused.notFound("Series " + seriesId);
    }
}
