package dev.colorize.ml.data;

import dev.colorize.ml.data.sketch.SketchMix;
import dev.colorize.ml.train.TrainingData;
import dev.colorize.platform.hashing.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * A folder of images as (sketch, color) pairs at model size. Each file goes to validation or training
 * by the SHA-256 of its bytes, so the split of existing files never changes as images are added.
 * Training pairs get pix2pix's jitter: letterbox to 286/256 of the model size, random crop, random
 * horizontal flip; validation pairs are letterboxed to the model size with a per-file fixed extractor.
 */
public final class PairedImageFolder {

    private static final double JITTER_SCALE = 286.0 / 256.0;

    private final Path folder;
    private final PairLayout layout;
    private final int size;
    private final double validationFraction;
    private final SketchMix sketches;
    private final boolean hints;
    private final List<Path> training = new ArrayList<>();
    private final List<Path> validation = new ArrayList<>();

    public PairedImageFolder(Path folder, PairLayout layout, int size, double validationFraction, SketchMix sketches)
            throws IOException {
        this(folder, layout, size, validationFraction, sketches, false);
    }

    /** {@code hints}: pairs carry hint planes after the sketch (simulated for training, none for validation). */
    public PairedImageFolder(Path folder, PairLayout layout, int size, double validationFraction, SketchMix sketches,
            boolean hints) throws IOException {
        OpenCvNative.ensureLoaded();
        this.hints = hints;
        this.folder = folder;
        this.layout = layout;
        this.size = size;
        this.validationFraction = validationFraction;
        this.sketches = sketches;
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(PairedImageFolder::isImage).sorted().toList();
        }
        for (Path file : files) {
            (isValidation(Sha256.digest(Files.readAllBytes(file))) ? validation : training).add(file);
        }
    }

    private static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file)
                && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"));
    }

    private boolean isValidation(byte[] hash) {
        long bucket = Long.remainderUnsigned(ByteBuffer.wrap(hash).getLong(), 1_000_000);
        return bucket < validationFraction * 1_000_000;
    }

    public List<Path> trainingFiles() {
        return List.copyOf(training);
    }

    public List<Path> validationFiles() {
        return List.copyOf(validation);
    }

    /** Random jittered training pairs; each call reads and decodes one file. */
    public TrainingData trainingData() {
        if (training.isEmpty()) {
            throw new IllegalStateException("no training images in " + folder);
        }
        return random -> load(training.get(random.nextInt(training.size())), random, true);
    }

    /** The validation set, deterministic. */
    public List<ImagePair> validationPairs() {
        List<ImagePair> pairs = new ArrayList<>();
        for (Path file : validation) {
            pairs.add(load(file, new Random(file.getFileName().toString().hashCode()), false));
        }
        return pairs;
    }

    public DataSummary summary() {
        return new DataSummary(folder.toString(), layout, training.size(), validation.size(), validationFraction,
                sketches.extractors().toString());
    }

    private ImagePair load(Path file, Random random, boolean jitter) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairFrom(ImageCodec.decodeBgr(bytes), random, jitter);
    }

    /** One pair from a decoded image of this folder's layout. */
    public ImagePair pairFrom(Mat image, Random random, boolean jitter) {
        int loadSize = jitter ? (int) Math.round(size * JITTER_SCALE) : size;
        Mat color;
        Mat sketch;
        if (layout == PairLayout.SKETCH_LEFT_COLOR_RIGHT) {
            int half = image.cols() / 2;
            color = Letterbox.fit(image.submat(new Rect(half, 0, image.cols() - half, image.rows())), loadSize).image();
            sketch = new Mat();
            Imgproc.cvtColor(Letterbox.fit(image.submat(new Rect(0, 0, half, image.rows())), loadSize).image(),
                    sketch, Imgproc.COLOR_BGR2GRAY);
        } else {
            color = Letterbox.fit(image, loadSize).image();
            sketch = sketches.extract(color, random);
        }
        if (jitter) {
            Mat[] jittered = Letterbox.randomCropAndFlip(color, sketch, size, random);
            color = jittered[0];
            sketch = jittered[1];
        }
        float[] input = ImageTensors.toTensor(sketch);
        if (hints) {
            Mat simulated = jitter ? HintLayer.simulate(color, random, HintLayer.Style.DOTS).hints() : null;
            input = HintLayer.appendTo(input, simulated, size, size);
        }
        return new ImagePair(input, ImageTensors.toTensor(color), size);
    }
}
