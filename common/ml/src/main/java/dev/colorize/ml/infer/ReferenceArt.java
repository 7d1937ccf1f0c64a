package dev.colorize.ml.infer;

import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * A series' reference (a colored page or character sheet) as pages are matched against it: each figure region's
 * {@link RegionDescriptors descriptor}, read from the network's prediction on the reference's line art exactly as a
 * page's is, and the region's true color, voted from the colored reference. Made once per reference and model
 * ({@link Colorizer#describeReference}); immutable, shared by every page that follows it.
 */
public final class ReferenceArt {

    private final RegionDescriptors regions;
    /** Packed 0xRRGGBB per descriptor. */
    private final int[] colors;
    /** The mean of the regions' reads, and each region's read less it, unit length (null where unknown). */
    private final float[] center;
    private final float[][] centeredReads;

    private ReferenceArt(RegionDescriptors regions, int[] colors) {
        this.regions = regions;
        this.colors = colors;
        this.center = mean(regions.read());
        this.centeredReads = new float[regions.size()][];
        for (int k = 0; k < regions.size(); k++) {
            centeredReads[k] = centered(regions.read()[k]);
        }
    }

    /**
     * A read less this reference's mean read, unit length: the network's features are all positive after its ReLU,
     * so raw reads of any two regions point alike; less their mean they point where the regions differ. Null when
     * either is unknown.
     */
    float[] centered(float[] read) {
        if (read == null || center == null || read.length != center.length) {
            return null;
        }
        float[] v = new float[read.length];
        double norm = 0;
        for (int c = 0; c < v.length; c++) {
            v[c] = read[c] - center[c];
            norm += v[c] * v[c];
        }
        if (norm == 0) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int c = 0; c < v.length; c++) {
            v[c] *= scale;
        }
        return v;
    }

    private static float[] mean(float[][] reads) {
        float[] sum = null;
        int n = 0;
        for (float[] read : reads) {
            if (read != null) {
                sum = sum == null ? new float[read.length] : sum;
                for (int c = 0; c < read.length; c++) {
                    sum[c] += read[c];
                }
                n++;
            }
        }
        if (sum != null) {
            for (int c = 0; c < sum.length; c++) {
                sum[c] /= n;
            }
        }
        return sum;
    }

    /**
     * @param regions    the reference line art's regions (gains the colored image's second flats)
     * @param prediction the network's prediction on the line art, BGR 8-bit of its size
     * @param colored    the colored reference, BGR 8-bit of the same size
     */
    static ReferenceArt describe(LineRegions regions, Mat prediction, Mat colored, List<Rect> panels, int minArea,
            RegionFeatures read) {
        int[] none = new int[regions.count()];
        java.util.Arrays.fill(none, FlatFill.KEEP_PREDICTION);
        // the colored image's own flats, split where its colors change inside a region the lines leave open
        int[] truth = RegionVotes.colors(regions, colored, minArea, none);
        RegionDescriptors descriptors = RegionDescriptors.of(regions, RegionVotes.labVotes(regions, prediction), panels,
                minArea, read);
        int[] colors = new int[descriptors.size()];
        for (int k = 0; k < colors.length; k++) {
            colors[k] = truth[descriptors.labels()[k]];
        }
        return new ReferenceArt(descriptors, colors);
    }

    /** Figure regions described. */
    public int regionCount() {
        return colors.length;
    }

    RegionDescriptors regions() {
        return regions;
    }

    int color(int descriptor) {
        return colors[descriptor];
    }

    /** Descriptor {@code k}'s read, centered and unit length, or null. */
    float[] centeredRead(int k) {
        return centeredReads[k];
    }
}
