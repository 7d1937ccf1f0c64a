package dev.colorize.ml.infer;

import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * A region far longer than wide (a webtoon strip, a tall panel) colored as overlapping square tiles. Letterboxed
 * whole, an 800x12000 strip would be 17 pixels wide at the model's resolution; instead the region is scaled so
 * its short side is the tile size (the inference resolution), cut along its long side into tiles that overlap by
 * at least {@code overlap} pixels, and the tiles' predictions are blended back into one strip: across each
 * overlap the two tiles' weights are linear ramps ({@code ramp} pixels wide, centred in the overlap) that sum to
 * one, so no tile border shows as a seam. A ramp of 1 pixel is a hard cut in the middle of the overlap.
 *
 * <p>Not thread-safe: one per region of one forward pass.
 */
final class StripTiles {

    private final Rect rect;
    private final boolean vertical;
    private final int size;
    private final int length;
    private final double scale;
    private final int[] starts;
    private final int ramp;
    private final Mat scaled;
    private final Mat sum;
    private final Mat weight;
    private int received;

    /**
     * Whether a region of this size is tiled: its long side is more than {@code maxAspect} times its short side.
     */
    static boolean isStrip(Rect rect, double maxAspect) {
        return Math.max(rect.width, rect.height) > maxAspect * Math.min(rect.width, rect.height);
    }

    /**
     * @param gray the region (8-bit gray, any size of a strip)
     * @param rect where the region lies on the page
     * @param size the tile side at the model's resolution
     * @param overlap the least overlap of two neighbouring tiles, in model pixels (less than half a tile)
     * @param ramp the width of the blending ramp, 1 to {@code overlap} model pixels
     */
    StripTiles(Mat gray, Rect rect, int size, int overlap, int ramp) {
        if (overlap < 1 || 2 * overlap >= size || ramp < 1 || ramp > overlap) {
            throw new IllegalArgumentException("overlap " + overlap + " and ramp " + ramp + " do not fit tiles of "
                    + size);
        }
        this.rect = rect;
        this.vertical = rect.height >= rect.width;
        this.size = size;
        this.ramp = ramp;
        int shortSide = Math.min(rect.width, rect.height);
        this.scale = (double) size / shortSide;
        this.length = Math.max(size, (int) Math.round(Math.max(rect.width, rect.height) * scale));
        int count = Math.max(2, (int) Math.ceil((double) (length - overlap) / (size - overlap)));
        this.starts = new int[count];
        for (int k = 0; k < count; k++) {
            starts[k] = (int) Math.round((double) k * (length - size) / (count - 1));
        }
        this.scaled = new Mat();
        Imgproc.resize(gray, scaled, along(length), 0, 0, scale < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
        this.sum = Mat.zeros(along(length), CvType.CV_32FC3);
        this.weight = Mat.zeros(sum.size(), CvType.CV_32FC1);
    }

    int count() {
        return starts.length;
    }

    /** Tile {@code k} of the scaled region: a size x size 8-bit gray image, the caller's to release. */
    Mat tile(int k) {
        return scaled.submat(tileRect(k)).clone();
    }

    /** Where tile {@code k} lies on the page (for the hints that fall into it). */
    Rect tileInPage(int k) {
        int from = (int) Math.floor(starts[k] / scale);
        int to = Math.min((int) Math.ceil((starts[k] + size) / scale), vertical ? rect.height : rect.width);
        return vertical ? new Rect(rect.x, rect.y + from, rect.width, to - from)
                : new Rect(rect.x + from, rect.y, to - from, rect.height);
    }

    /** Adds tile {@code k}'s prediction (size x size, 8-bit BGR) with its blending weights. */
    void add(int k, Mat prediction) {
        Mat ramp = weights(k);
        Mat ramp3 = new Mat();
        Core.merge(List.of(ramp, ramp, ramp), ramp3);
        Mat weighted = new Mat();
        prediction.convertTo(weighted, CvType.CV_32FC3);
        Core.multiply(weighted, ramp3, weighted);
        Rect at = tileRect(k);
        Mat sumTile = sum.submat(at);
        Core.add(sumTile, weighted, sumTile);
        Mat weightTile = weight.submat(at);
        Core.add(weightTile, ramp, weightTile);
        ramp.release();
        ramp3.release();
        weighted.release();
        received++;
    }

    boolean complete() {
        return received == starts.length;
    }

    /** The blended prediction of the whole region at the page's size of it (8-bit BGR); releases the tiles' state. */
    Mat blended() {
        Mat weight3 = new Mat();
        Core.merge(List.of(weight, weight, weight), weight3);
        Mat mean = new Mat();
        Core.divide(sum, weight3, mean);
        Mat strip = new Mat();
        mean.convertTo(strip, CvType.CV_8UC3);
        Mat out = new Mat();
        Imgproc.resize(strip, out, rect.size(), 0, 0, Imgproc.INTER_LINEAR);
        for (Mat m : new Mat[] {weight3, mean, strip, scaled, sum, weight}) {
            m.release();
        }
        return out;
    }

    Rect rect() {
        return rect;
    }

    private Rect tileRect(int k) {
        return vertical ? new Rect(0, starts[k], size, size) : new Rect(starts[k], 0, size, size);
    }

    /** The region's scaled size: short side the tile size, long side {@code length}. */
    private Size along(int length) {
        return vertical ? new Size(size, length) : new Size(length, size);
    }

    /**
     * Tile k's weight at each of its pixels: 1, falling linearly to 0 across the ramp centred in its overlap with
     * each neighbour (rising from 0 on the other side of that neighbour's overlap), so weights sum to one.
     */
    private Mat weights(int k) {
        float[] line = new float[size];
        for (int i = 0; i < size; i++) {
            double at = starts[k] + i + 0.5;
            double w = 1;
            if (k > 0) {
                double centre = (starts[k] + starts[k - 1] + size) / 2.0;
                w = Math.min(w, clamp((at - centre) / ramp + 0.5));
            }
            if (k < starts.length - 1) {
                double centre = (starts[k + 1] + starts[k] + size) / 2.0;
                w = Math.min(w, clamp((centre - at) / ramp + 0.5));
            }
            line[i] = (float) w;
        }
        Mat weights = new Mat(size, size, CvType.CV_32FC1);
        float[] all = new float[size * size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                all[r * size + c] = line[vertical ? r : c];
            }
        }
        weights.put(0, 0, all);
        return weights;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
