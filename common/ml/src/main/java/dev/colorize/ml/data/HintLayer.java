package dev.colorize.ml.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Color hints as the generator sees them: four planes after the line art, the hinted RGB in [-1, 1]
 * and a 0/1 mask of where hints are (RGB is 0 where there is none). Users give hints as a BGRA image:
 * colored dots or strokes on a transparent background.
 */
public final class HintLayer {

    /** Alpha above which a hint pixel counts. */
    private static final int OPAQUE = 128;
    /** Share of training samples without any hint, so one model also colors automatically. */
    private static final double NO_HINTS = 0.5;
    /** Most hints a simulated user gives one drawing. */
    private static final int MAX_HINTS = 12;
    /** Per-channel difference still inside one flat region (resizing blends only the regions' borders). */
    private static final int REGION_TOLERANCE = 6;

    private HintLayer() {}

    /** Four planes of zeros: no hints. */
    public static float[] none(int height, int width) {
        return new float[4 * height * width];
    }

    /**
     * Hint planes at {@code height x width} from a BGRA hint image of any size with the same aspect.
     * Each opaque hint pixel is mapped to its target position, so dots survive downscaling where an
     * interpolating resize would blur them into the transparent background.
     */
    public static float[] planes(Mat hintsBgra, int height, int width) {
        if (hintsBgra == null) {
            return none(height, width);
        }
        if (hintsBgra.type() != CvType.CV_8UC4) {
            throw new IllegalArgumentException("hints must be an 8-bit BGRA image (colored dots on transparent)");
        }
        int rows = hintsBgra.rows();
        int cols = hintsBgra.cols();
        byte[] bgra = new byte[rows * cols * 4];
        hintsBgra.get(0, 0, bgra);
        int pixels = height * width;
        float[] planes = new float[4 * pixels];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                int i = (y * cols + x) * 4;
                if ((bgra[i + 3] & 0xff) < OPAQUE) {
                    continue;
                }
                int ty = Math.min(height - 1, (int) ((y + 0.5) * height / rows));
                int tx = Math.min(width - 1, (int) ((x + 0.5) * width / cols));
                int t = ty * width + tx;
                planes[t] = (bgra[i + 2] & 0xff) / 127.5f - 1f;
                planes[pixels + t] = (bgra[i + 1] & 0xff) / 127.5f - 1f;
                planes[2 * pixels + t] = (bgra[i] & 0xff) / 127.5f - 1f;
                planes[3 * pixels + t] = 1f;
            }
        }
        return planes;
    }

    /** The generator's input: the line-art plane(s) followed by the hint planes of {@code hints} (null: none). */
    public static float[] appendTo(float[] lines, Mat hints, int height, int width) {
        float[] hintPlanes = planes(hints, height, width);
        float[] input = new float[lines.length + hintPlanes.length];
        System.arraycopy(lines, 0, input, 0, lines.length);
        System.arraycopy(hintPlanes, 0, input, lines.length, hintPlanes.length);
        return input;
    }

    /**
     * How training samples get their simulated hints: {@link #DOTS}, what the shipped model learned from; or
     * {@link #REGIONS}, hints as users give them with the loss weighing each hint's region (issue 23, item 5: better
     * hints on line art that leaves regions open, slightly worse automatic coloring, docs/QUALITY.md).
     */
    public enum Style {
        /** As PaintsChainer does: 1 to 32 dots of 3-5 px (more often few) at random places, mostly on color. */
        DOTS,
        /** 1 to {@value #MAX_HINTS} dots or short scribbles, each inside one region of the true flats. */
        REGIONS;

        /** {@code dots} or {@code regions}, as the command line and the admin API name them. */
        public static Style parse(String name) {
            for (Style style : values()) {
                if (style.name().equalsIgnoreCase(name.strip())) {
                    return style;
                }
            }
            throw new IllegalArgumentException("hintStyle is dots or regions, not " + name);
        }
    }

    /**
     * Simulated user hints for training, none for half the samples (so one model also colors automatically), else
     * drawn in {@code style} from the true flats; with {@link Style#REGIONS} each hint's whole region (its flat color,
     * connected) is returned too, so the loss can ask the network to spread the hint over it (null with dots).
     */
    public static SimulatedHints simulate(Mat flatsBgr, Random random, Style style) {
        Mat hints = Mat.zeros(flatsBgr.size(), CvType.CV_8UC4);
        if (style == Style.DOTS) {
            if (random.nextDouble() >= NO_HINTS) {
                int dots = (int) Math.round(Math.exp(random.nextDouble() * Math.log(32)));
                for (int d = 0; d < dots; d++) {
                    Point seed = seedOnColor(flatsBgr, random);
                    double[] color = flatsBgr.get((int) seed.y, (int) seed.x);
                    Imgproc.circle(hints, seed, 1 + random.nextInt(2), new Scalar(color[0], color[1], color[2], 255),
                            -1);
                }
            }
            return new SimulatedHints(hints, null);
        }
        Mat regions = Mat.zeros(flatsBgr.size(), CvType.CV_8UC1);
        if (random.nextDouble() < NO_HINTS) {
            return new SimulatedHints(hints, regions);
        }
        int count = 1 + random.nextInt(MAX_HINTS);
        // floodFill's mask is 2 px larger and marks what it filled with 255 (flag bits 8-15)
        Mat fillMask = Mat.zeros(flatsBgr.rows() + 2, flatsBgr.cols() + 2, CvType.CV_8UC1);
        int flags = 4 | Imgproc.FLOODFILL_MASK_ONLY | Imgproc.FLOODFILL_FIXED_RANGE | (255 << 8);
        Scalar tolerance = new Scalar(REGION_TOLERANCE, REGION_TOLERANCE, REGION_TOLERANCE);
        Mat stroke = Mat.zeros(flatsBgr.size(), CvType.CV_8UC1);
        for (int h = 0; h < count; h++) {
            Point seed = seedOnColor(flatsBgr, random);
            double[] color = flatsBgr.get((int) seed.y, (int) seed.x);
            stroke.setTo(new Scalar(0));
            if (random.nextBoolean()) {
                Imgproc.circle(stroke, seed, 1 + random.nextInt(2), new Scalar(255), -1);
            } else {
                List<Point> path = scribble(flatsBgr, seed, color, random);
                Imgproc.polylines(stroke, List.of(new MatOfPoint(path.toArray(Point[]::new))), false, new Scalar(255),
                        1 + random.nextInt(2));
                stroke.put((int) seed.y, (int) seed.x, 255); // a stroke cut at its first step is a dot
            }
            paintInside(hints, stroke, flatsBgr, color);
            Imgproc.floodFill(flatsBgr, fillMask, seed, new Scalar(0), new Rect(), tolerance, tolerance, flags);
        }
        stroke.release();
        fillMask.submat(1, flatsBgr.rows() + 1, 1, flatsBgr.cols() + 1).copyTo(regions);
        fillMask.release();
        return new SimulatedHints(hints, regions);
    }

    /** Hints drawn for one training sample and the regions they fall in (255 inside, 0 elsewhere; null: dots). */
    public record SimulatedHints(Mat hints, Mat regions) {}

    /** The stroke's pixels that lie on the seed's flat color take it: a dot at a region's border stays inside. */
    private static void paintInside(Mat hints, Mat stroke, Mat flatsBgr, double[] color) {
        Rect box = Imgproc.boundingRect(stroke);
        for (int y = box.y; y < box.y + box.height; y++) {
            for (int x = box.x; x < box.x + box.width; x++) {
                if (stroke.get(y, x)[0] > 0 && sameColor(flatsBgr.get(y, x), color)) {
                    hints.put(y, x, color[0], color[1], color[2], 255);
                }
            }
        }
    }

    private static boolean sameColor(double[] a, double[] b) {
        for (int c = 0; c < 3; c++) {
            if (Math.abs(a[c] - b[c]) > REGION_TOLERANCE) {
                return false;
            }
        }
        return true;
    }

    /** A random pixel, preferring colored ones over the white background. */
    private static Point seedOnColor(Mat flatsBgr, Random random) {
        byte[] bgr = new byte[3];
        int x = 0;
        int y = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            x = random.nextInt(flatsBgr.cols());
            y = random.nextInt(flatsBgr.rows());
            flatsBgr.get(y, x, bgr);
            if ((bgr[0] & 0xff) < 245 || (bgr[1] & 0xff) < 245 || (bgr[2] & 0xff) < 245) {
                break;
            }
        }
        return new Point(x, y);
    }

    /** A stroke of 2-5 short steps from {@code seed} that ends before it would leave the seed's flat color. */
    private static List<Point> scribble(Mat flatsBgr, Point seed, double[] color, Random random) {
        List<Point> path = new ArrayList<>(List.of(seed));
        double angle = random.nextDouble() * 2 * Math.PI;
        int steps = 2 + random.nextInt(4);
        for (int s = 0; s < steps; s++) {
            angle += (random.nextDouble() - 0.5) * Math.PI;
            double length = 2 + random.nextInt(5);
            Point last = path.get(path.size() - 1);
            Point next = new Point(Math.round(last.x + length * Math.cos(angle)), Math.round(last.y + length * Math.sin(angle)));
            if (!sameColorAlong(flatsBgr, last, next, color)) {
                break;
            }
            path.add(next);
        }
        return path;
    }

    private static boolean sameColorAlong(Mat flatsBgr, Point from, Point to, double[] color) {
        int samples = (int) Math.ceil(Math.hypot(to.x - from.x, to.y - from.y)) + 1;
        for (int i = 1; i <= samples; i++) {
            int x = (int) Math.round(from.x + (to.x - from.x) * i / samples);
            int y = (int) Math.round(from.y + (to.y - from.y) * i / samples);
            if (x < 0 || y < 0 || x >= flatsBgr.cols() || y >= flatsBgr.rows()) {
                return false;
            }
            if (!sameColor(flatsBgr.get(y, x), color)) {
                return false;
            }
        }
        return true;
    }
}
