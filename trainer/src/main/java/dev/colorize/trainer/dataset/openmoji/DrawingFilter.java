package dev.colorize.trainer.dataset.openmoji;

import java.util.Optional;

/**
 * Which OpenMoji drawings make poor training triplets by their catalogue entry: flags (the {@code flags}
 * group and flag subgroups elsewhere: mostly rectangles of flat color) and regional indicator letters.
 * Their pixels are judged after rendering by {@link dev.colorize.trainer.dataset.triplet.TripletFilter}.
 */
public final class DrawingFilter {

    public static final String FLAGS_GROUP = "flags-group";
    public static final String FLAG_SUBGROUP = "flag-subgroup";
    public static final String REGIONAL_INDICATOR = "regional-indicator";

    public Optional<String> byCatalogue(OpenMojiDrawing drawing) {
        if (drawing.group().equals("flags")) {
            return Optional.of(FLAGS_GROUP);
        }
        if (drawing.subgroups().equals("regional-indicator")) {
            return Optional.of(REGIONAL_INDICATOR);
        }
        if (drawing.subgroups().endsWith("flag") || drawing.subgroups().endsWith("flags")) {
            return Optional.of(FLAG_SUBGROUP);
        }
        return Optional.empty();
    }
}
