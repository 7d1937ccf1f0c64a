package dev.colorize.ml.data.sketch;

import java.util.List;
import java.util.Random;
import org.opencv.core.Mat;

/**
 * Picks one extractor per sample: a model trained on a single extractor learns its artefacts and
 * transfers badly to real line art.
 */
public record SketchMix(List<SketchExtractor> extractors) {

    public SketchMix {
        extractors = List.copyOf(extractors);
        if (extractors.isEmpty()) {
            throw new IllegalArgumentException("at least one sketch extractor is needed");
        }
    }

    /** Adaptive threshold, Canny and XDoG in equal shares. */
    public static SketchMix standard() {
        return new SketchMix(List.of(AdaptiveThresholdSketch.standard(), CannySketch.standard(), XdogSketch.standard()));
    }

    public Mat extract(Mat bgr, Random random) {
        return extractors.get(random.nextInt(extractors.size())).extract(bgr);
    }
}
