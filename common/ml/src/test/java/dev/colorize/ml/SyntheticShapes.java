package dev.colorize.ml;

import dev.colorize.ml.data.ImagePair;
import dev.colorize.ml.data.ImageTensors;
import dev.colorize.ml.data.OpenCvNative;
import dev.colorize.ml.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Pairs whose colors depend on the shapes: circles red, squares blue, black outlines on white. */
public final class SyntheticShapes implements TrainingData {

    public static final Scalar RED = new Scalar(110, 110, 250);
    public static final Scalar BLUE = new Scalar(255, 160, 80);
    private static final Scalar BLACK = new Scalar(0, 0, 0);
    private static final Scalar WHITE = new Scalar(255, 255, 255);

    private final int size;

    public SyntheticShapes(int size) {
        OpenCvNative.ensureLoaded();
        this.size = size;
    }

    /** The color image (BGR) of a random scene. */
    public Mat colorScene(Random random) {
        return scene(random, true);
    }

    private Mat scene(Random random, boolean filled) {
        Mat image = new Mat(size, size, CvType.CV_8UC3, WHITE);
        int shapes = 1 + random.nextInt(2);
        for (int s = 0; s < shapes; s++) {
            int r = size / 8 + random.nextInt(size / 6);
            Point c = new Point(r + 1 + random.nextInt(size - 2 * r - 2), r + 1 + random.nextInt(size - 2 * r - 2));
            if (random.nextBoolean()) {
                if (filled) {
                    Imgproc.circle(image, c, r, RED, -1);
                }
                Imgproc.circle(image, c, r, BLACK, 2);
            } else {
                Point a = new Point(c.x - r, c.y - r);
                Point b = new Point(c.x + r, c.y + r);
                if (filled) {
                    Imgproc.rectangle(image, a, b, BLUE, -1);
                }
                Imgproc.rectangle(image, a, b, BLACK, 2);
            }
        }
        return image;
    }

    @Override
    public ImagePair sample(Random random) {
        long seed = random.nextLong();
        Mat color = scene(new Random(seed), true);
        Mat outline = scene(new Random(seed), false);
        Mat sketch = new Mat();
        Imgproc.cvtColor(outline, sketch, Imgproc.COLOR_BGR2GRAY);
        return new ImagePair(ImageTensors.toTensor(sketch), ImageTensors.toTensor(color), size);
    }

    public List<ImagePair> validationSet(int count, long seed) {
        Random random = new Random(seed);
        List<ImagePair> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            pairs.add(sample(random));
        }
        return pairs;
    }
}
