package dev.colorize.ml.data.augment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.opencv.core.Mat;

/**
 * What a training sample goes through after its crop: optionally a random scale (the figure filling part
 * of the crop, lines and flats alike), then each chosen line-style change with its probability, in a fixed
 * order (shape of the strokes first, paper and scan last, as a page is drawn and then scanned).
 */
public final class TrainingAugmentation {

    /** The line-style changes by name, in the order they are applied. */
    private static final Map<String, Supplier<LineAugmentation>> STYLES = new LinkedHashMap<>();

    static {
        STYLES.put("thickness", StrokeThickness::new);
        STYLES.put("gaps", BrokenStrokes::new);
        STYLES.put("jitter", () -> new Jitter(1.5));
        STYLES.put("hatching", LightHatching::new);
        STYLES.put("tint", PaperTint::new);
        STYLES.put("scan", ScanNoise::new);
    }

    public static final TrainingAugmentation NONE = new TrainingAugmentation(Map.of(), 0, Optional.empty());

    private final Map<String, LineAugmentation> styles;
    private final double probability;
    private final Optional<ScaleVariety> scale;

    public TrainingAugmentation(Map<String, LineAugmentation> styles, double probability, Optional<ScaleVariety> scale) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must lie in [0, 1]: " + probability);
        }
        this.styles = new LinkedHashMap<>(styles);
        this.probability = probability;
        this.scale = scale;
    }

    /**
     * From the command line: {@code names} is {@code none}, {@code all} or a comma-separated subset of
     * {@link #names()}; {@code minFill} 1 leaves the scale alone.
     */
    public static TrainingAugmentation parse(String names, double probability, double minFill) {
        List<String> chosen = switch (names.strip()) {
            case "none", "" -> List.of();
            case "all" -> names();
            default -> Arrays.stream(names.split(",")).map(String::strip).toList();
        };
        Map<String, LineAugmentation> styles = new LinkedHashMap<>();
        for (String name : names()) {
            if (chosen.contains(name)) {
                styles.put(name, STYLES.get(name).get());
            }
        }
        List<String> unknown = new ArrayList<>(chosen);
        unknown.removeAll(names());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown augmentation " + unknown + ", known: " + names());
        }
        return new TrainingAugmentation(styles, probability,
                minFill < 1 ? Optional.of(new ScaleVariety(minFill)) : Optional.empty());
    }

    public static List<String> names() {
        return List.copyOf(STYLES.keySet());
    }

    /** {@code {lines, flats}}, changed; the inputs are not modified. */
    public Mat[] apply(Mat lines, Mat flats, Random random) {
        Mat[] pair = scale.map(s -> s.apply(lines, flats, random)).orElse(new Mat[] {lines, flats});
        Mat styled = pair[0];
        for (LineAugmentation style : styles.values()) {
            if (random.nextDouble() < probability) {
                styled = style.apply(styled, random);
            }
        }
        return new Mat[] {styled, pair[1]};
    }

    @Override
    public String toString() {
        if (styles.isEmpty() && scale.isEmpty()) {
            return "none";
        }
        String named = styles.isEmpty() ? "" : String.join(",", styles.keySet()) + " (each p " + probability + ")";
        return scale.map(s -> named.isEmpty() ? s.toString() : named + ", " + s).orElse(named);
    }
}
