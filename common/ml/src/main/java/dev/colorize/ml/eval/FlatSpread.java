package dev.colorize.ml.eval;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * How mottled an output is where the truth is flat: the standard deviation of Lab a*b* (chroma) inside each
 * region of one exact color in the true flats, averaged over those regions weighted by area. Only paper pixels
 * of the line art count (the ink is multiplied over the flats, and its antialiased edges are not flats), and only
 * regions of at least {@link #MIN_REGION_PX} such pixels. Flats of a colorist score 0; the network's per-pixel
 * flats score what their tints wander.
 */
public final class FlatSpread {

    static final int MIN_REGION_PX = 64;
    /** Line-art gray at or above this is paper. */
    static final int PAPER = 250;

    private FlatSpread() {}

    /** {@code output} and {@code truthFlats}: BGR 8-bit; {@code lines}: gray 8-bit; all of one size. */
    public static double of(Mat output, Mat truthFlats, Mat lines) {
        int width = output.cols();
        int n = width * output.rows();
        byte[] flats = new byte[3 * n];
        truthFlats.get(0, 0, flats);
        byte[] gray = new byte[n];
        lines.get(0, 0, gray);
        // Regions of one exact true color: 4-connected runs of equal flats on paper.
        int[] region = new int[n];
        int[] queue = new int[n];
        int regions = 0;
        for (int start = 0; start < n; start++) {
            if (region[start] != 0 || (gray[start] & 0xff) < PAPER) {
                continue;
            }
            region[start] = ++regions;
            int tail = 0;
            queue[tail++] = start;
            for (int head = 0; head < tail; head++) {
                int i = queue[head];
                int x = i % width;
                int[] neighbours = {x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width};
                for (int j : neighbours) {
                    if (j >= 0 && j < n && region[j] == 0 && (gray[j] & 0xff) >= PAPER && sameColor(flats, i, j)) {
                        region[j] = regions;
                        queue[tail++] = j;
                    }
                }
            }
        }
        Mat lab = new Mat();
        Mat asFloat = new Mat();
        output.convertTo(asFloat, CvType.CV_32FC3, 1 / 255.0);
        Imgproc.cvtColor(asFloat, lab, Imgproc.COLOR_BGR2Lab);
        float[] values = new float[3 * n];
        lab.get(0, 0, values);
        double[] count = new double[regions + 1];
        double[] sumA = new double[regions + 1];
        double[] sumB = new double[regions + 1];
        double[] sumSq = new double[regions + 1];
        for (int i = 0; i < n; i++) {
            int r = region[i];
            if (r > 0) {
                double a = values[3 * i + 1];
                double b = values[3 * i + 2];
                count[r]++;
                sumA[r] += a;
                sumB[r] += b;
                sumSq[r] += a * a + b * b;
            }
        }
        double weighted = 0;
        double total = 0;
        for (int r = 1; r <= regions; r++) {
            if (count[r] >= MIN_REGION_PX) {
                double meanA = sumA[r] / count[r];
                double meanB = sumB[r] / count[r];
                double variance = Math.max(0, sumSq[r] / count[r] - meanA * meanA - meanB * meanB);
                weighted += Math.sqrt(variance) * count[r];
                total += count[r];
            }
        }
        lab.release();
        asFloat.release();
        return total == 0 ? 0 : weighted / total;
    }

    private static boolean sameColor(byte[] flats, int i, int j) {
        return flats[3 * i] == flats[3 * j] && flats[3 * i + 1] == flats[3 * j + 1] && flats[3 * i + 2] == flats[3 * j + 2];
    }
}
