package dev.colorize.ml.infer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    static ReferenceArt describe(LineRegions regions, Mat colored, List<Rect> panels, int minArea, RegionFeatures read,
            boolean asPage) {
        if (asPage) {
            return asPage(regions, colored, panels, minArea, read);
        }
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

    /**
     * A colored drawing described as a page's regions are matched (on its line art's regions, not split by its
     * colors), each region with its most common true color: what a fitted metric is scored on.
     */
    private static ReferenceArt asPage(LineRegions regions, Mat colored, List<Rect> panels, int minArea,
            RegionFeatures read) {
        RegionDescriptors descriptors = RegionDescriptors.of(regions, panels, minArea, read);
        byte[] bgr = new byte[3 * regions.width() * regions.height()];
        colored.get(0, 0, bgr);
        Map<Integer, Map<Integer, Integer>> counts = new HashMap<>();
        for (int k = 0; k < descriptors.size(); k++) {
            counts.put(descriptors.labels()[k], new HashMap<>());
        }
        for (int i = 0; i < regions.width() * regions.height(); i++) {
            Map<Integer, Integer> c = regions.isInk(i) ? null : counts.get(regions.labelAt(i));
            if (c != null) {
                c.merge((bgr[3 * i + 2] & 0xff) << 16 | (bgr[3 * i + 1] & 0xff) << 8 | bgr[3 * i] & 0xff, 1, Integer::sum);
            }
        }
        int[] colors = new int[descriptors.size()];
        for (int k = 0; k < colors.length; k++) {
            colors[k] = counts.get(descriptors.labels()[k]).entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(0);
        }
        return new ReferenceArt(descriptors, colors);
    }

    /** The same reference with its regions compared otherwise ({@link RegionDescriptors#withMetric}). */
    ReferenceArt withRegions(RegionDescriptors other) {
        return new ReferenceArt(other, colors);
    }

    RegionDescriptors regions() {
        return regions;
    }

    int color(int descriptor) {
        return colors[descriptor];
    }
}
