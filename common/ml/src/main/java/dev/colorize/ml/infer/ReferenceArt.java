package dev.colorize.ml.infer;

import java.util.List;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * A series' reference (a colored page or character sheet) as pages are matched against it: each figure region's
 * {@link RegionDescriptors descriptor}, read from the network's forward pass on the reference's line art exactly as a
 * page's is, and the region's true color, voted from the colored reference. Made once per reference and model
 * ({@link Colorizer#describeReference}); immutable, shared by every page that follows it.
 */
public final class ReferenceArt {

    private final RegionDescriptors regions;
    /** Packed 0xRRGGBB per descriptor. */
    private final int[] colors;
    private ReferenceArt(RegionDescriptors regions, int[] colors) {
        this.regions = regions;
        this.colors = colors;
    }

    /**
     * @param regions    the reference line art's regions (gains the colored image's second flats)
     * @param colored    the colored reference, BGR 8-bit of the same size
     */
    static ReferenceArt describe(LineRegions regions, Mat colored, List<Rect> panels, int minArea, RegionFeatures read) {
        int[] none = new int[regions.count()];
        java.util.Arrays.fill(none, FlatFill.KEEP_PREDICTION);
        // the colored image's own flats, split where its colors change inside a region the lines leave open
        int[] truth = RegionVotes.colors(regions, colored, minArea, none);
        RegionDescriptors descriptors = RegionDescriptors.of(regions, panels, minArea, read);
        int[] colors = new int[descriptors.size()];
        for (int k = 0; k < colors.length; k++) {
            colors[k] = truth[descriptors.labels()[k]];
        }
        return new ReferenceArt(descriptors, colors);
    }

    RegionDescriptors regions() {
        return regions;
    }

    int color(int descriptor) {
        return colors[descriptor];
    }
}
