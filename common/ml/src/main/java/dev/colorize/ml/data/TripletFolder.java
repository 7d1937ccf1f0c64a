package dev.colorize.ml.data;

import dev.colorize.ml.data.augment.TrainingAugmentation;
import dev.colorize.ml.train.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * A dataset of exact (line art, flats, composite) triplets, as the OpenMoji import writes it:
 * {@code drawings/{train,validation}/NAME.{lines,flats,color}.png} and the same under {@code pages/}
 * for drawings composed into manga pages. The generator learns lines (+ hints) -> flats; the page's
 * lines are multiplied over the flats at inference, so flats are the target. Several such datasets (one
 * per source) read as one: their triplets pooled, validation spread over them.
 */
public final class TripletFolder {

    /** Share of training samples cut from composed pages rather than single drawings. */
    private static final double PAGE_SHARE = 0.3;
    private static final double JITTER_SCALE = 286.0 / 256.0;
    /** How much more a pixel of a hinted region counts in the L1 term than any other pixel. */
    static final float HINTED_REGION_WEIGHT = 4f;

    /** One triplet's three files. */
    public record Triplet(String name, Path lines, Path flats, Path color) {

        public Mat readLines() {
            return ImageCodec.decodeGray(read(lines));
        }

        public Mat readFlats() {
            return ImageCodec.decodeBgr(read(flats));
        }

        public Mat readColor() {
            return ImageCodec.decodeBgr(read(color));
        }

        private static byte[] read(Path file) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final List<Path> roots;
    private final int size;
    private final boolean hints;
    private final TrainingAugmentation augmentation;
    private final HintLayer.Style hintStyle;

    /** {@code hints}: whether the generator takes hint channels (then samples carry simulated hints). */
    public TripletFolder(Path root, int size, boolean hints) {
        this(List.of(root), size, hints, TrainingAugmentation.NONE, HintLayer.Style.DOTS);
    }

    /**
     * {@code augmentation}: what training samples go through after their crop (validation never does);
     * {@code hintStyle}: how their hints are simulated.
     */
    public TripletFolder(List<Path> roots, int size, boolean hints, TrainingAugmentation augmentation,
            HintLayer.Style hintStyle) {
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("no dataset folder");
        }
        OpenCvNative.ensureLoaded();
        this.roots = List.copyOf(roots);
        this.size = size;
        this.hints = hints;
        this.augmentation = augmentation;
        this.hintStyle = hintStyle;
    }

    public List<Triplet> drawings(String split) {
        return roots.stream().flatMap(root -> drawings(root, split).stream()).toList();
    }

    public List<Triplet> pages(String split) {
        return roots.stream().flatMap(root -> list(root.resolve("pages").resolve(split)).stream()).toList();
    }

    private static List<Triplet> drawings(Path root, String split) {
        return list(root.resolve("drawings").resolve(split));
    }

    private static List<Triplet> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".lines.png"))
                    .sorted()
                    .map(n -> n.substring(0, n.length() - ".lines.png".length()))
                    .map(n -> new Triplet(n, dir.resolve(n + ".lines.png"), dir.resolve(n + ".flats.png"),
                            dir.resolve(n + ".color.png")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataSummary summary() {
        return new DataSummary(roots.stream().map(Path::toString).collect(Collectors.joining(",")), PairLayout.TRIPLETS, drawings("train").size() + pages("train").size(),
                drawings("validation").size() + pages("validation").size(), Double.NaN,
                augmentation == TrainingAugmentation.NONE ? "true line art (no extraction)"
                        : "true line art (no extraction), augmented: " + augmentation);
    }

    /**
     * Random training samples: single drawings with pix2pix's jitter (scale to 286/256, random crop,
     * flip), or square windows and whole letterboxed composed pages, then the augmentation, with simulated
     * hints.
     */
    public TrainingData trainingData() {
        List<Triplet> drawings = drawings("train");
        List<Triplet> pages = pages("train");
        if (drawings.isEmpty()) {
            throw new IllegalStateException("no training drawings under " + roots + " (drawings/train)");
        }
        return random -> {
            boolean page = !pages.isEmpty() && random.nextDouble() < PAGE_SHARE;
            Triplet t = page ? pages.get(random.nextInt(pages.size())) : drawings.get(random.nextInt(drawings.size()));
            Mat lines = t.readLines();
            Mat flats = t.readFlats();
            if (page) {
                Rect window = pageWindow(lines, random);
                lines = lines.submat(window);
                flats = flats.submat(window);
            }
            int load = (int) Math.round(size * JITTER_SCALE);
            Mat[] jittered = Letterbox.randomCropAndFlip(Letterbox.fit(lines, load).image(),
                    Letterbox.fit(flats, load).image(), size, random);
            Mat[] augmented = augmentation.apply(jittered[0], jittered[1], random);
            if (!hints) {
                return pair(augmented[0], augmented[1], null);
            }
            HintLayer.SimulatedHints simulated = HintLayer.simulate(augmented[1], random, hintStyle);
            ImagePair pair = pair(augmented[0], augmented[1], simulated.hints());
            return simulated.regions() == null
                    ? pair : new ImagePair(pair.sketch(), pair.color(), size, hintedRegionWeights(simulated.regions()));
        };
    }

    /** A whole page (a frameless page at inference) a quarter of the time, else a square window. */
    private static Rect pageWindow(Mat page, Random random) {
        if (random.nextDouble() < 0.25) {
            return new Rect(0, 0, page.cols(), page.rows());
        }
        int side = (int) (Math.min(page.cols(), page.rows()) * (0.3 + 0.5 * random.nextDouble()));
        return new Rect(random.nextInt(page.cols() - side + 1), random.nextInt(page.rows() - side + 1), side, side);
    }

    /**
     * Validation drawings letterboxed to the model size, without hints: at most {@code limit}, the same
     * number from each dataset (so a checkpoint's figure weighs every source alike).
     */
    public List<ImagePair> validationPairs(int limit) {
        List<ImagePair> pairs = new ArrayList<>();
        int perRoot = (limit + roots.size() - 1) / roots.size();
        List<Triplet> chosen = roots.stream().flatMap(root -> drawings(root, "validation").stream().limit(perRoot))
                .limit(limit).toList();
        for (Triplet t : chosen) {
            pairs.add(pair(Letterbox.fit(t.readLines(), size).image(), Letterbox.fit(t.readFlats(), size).image(), null));
        }
        return pairs;
    }

    /**
     * L1 weights that make a hint's whole region count {@value #HINTED_REGION_WEIGHT} times: the network learns to
     * carry a dot's color to the region's borders, not to paint a patch around it (issue 23, item 5).
     */
    private static float[] hintedRegionWeights(Mat regions) {
        byte[] mask = new byte[(int) regions.total()];
        regions.get(0, 0, mask);
        regions.release(); // native memory, once per training sample: freed now, not at some later GC
        float[] weights = new float[mask.length];
        for (int i = 0; i < mask.length; i++) {
            weights[i] = mask[i] != 0 ? HINTED_REGION_WEIGHT : 1f;
        }
        return weights;
    }

    private ImagePair pair(Mat lines, Mat flats, Mat hintImage) {
        float[] linePlane = ImageTensors.toTensor(lines);
        float[] input = hints ? HintLayer.appendTo(linePlane, hintImage, size, size) : linePlane;
        return new ImagePair(input, ImageTensors.toTensor(flats), size);
    }
}
