package dev.colorize.ml.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * Hints decide their whole region: a dot, scribble or palette point colors the region it falls in, exactly its
 * color, over the network's vote.
 *
 * <p>The leak guard: a region may be two shapes joined through a gap the segmentation could not close. A ball as
 * large as fits at the hint (up to {@link #GUARD_BALLS} times the segmentation's largest) is rolled from the hint
 * inside the region; it does not pass a gap narrower than itself. When it reaches at least {@link #WHOLE_SHARE} of
 * the region, nothing suggests a gap and the whole region takes the hint; otherwise only what the ball reached
 * does. A panel's background (its largest region) is never flooded on a hint's word alone: the hint takes what the
 * ball reaches only when that is a small part of it ({@link #BACKGROUND_PART}, a shape joined to the background
 * through a gap), else the background is left to the network, whose own patch of the hint's color around the dot
 * is a region of its own after the vote (see {@link RegionVotes}) and takes the hint exactly.
 *
 * <p>Several hint colors in one region (not a background) split it, each pixel taking the color of the nearest
 * hint along paths inside the region (LazyBrush's outcome for seeds in one region, without its energy): two
 * colors in one region mean the line art joins two things the user tells apart, and a majority vote would drop
 * one of them.
 */
final class HintFill {

    private static final int OPAQUE = 128;
    static final double WHOLE_SHARE = 0.9;
    static final double BACKGROUND_PART = 0.5;
    static final int GUARD_BALLS = 4;

    private HintFill() {}

    /**
     * The colors per label after hints, and the hints left to the network: {page index, 0xRRGGBB} of each dot in a
     * background its ball would have flooded (the network's own patch around it takes its color after the vote).
     */
    record Outcome(int[] colors, List<int[]> leftToNetwork) {}

    /**
     * {@code hints}: BGRA of the page's aspect, any size. {@code colors}: packed 0xRRGGBB per label (or
     * {@link FlatFill#KEEP_PREDICTION}); {@code panels}: the page's panels (empty: the page is one). Returns the
     * colors for the labels after hinted regions were split, and the dots left to the network.
     */
    static Outcome apply(Mat hints, LineRegions regions, int[] colors, int maxBallPx, List<Rect> panels) {
        Map<Integer, List<int[]>> dotsByRegion = dots(hints, regions);
        List<int[]> leftToNetwork = new ArrayList<>();
        if (dotsByRegion.isEmpty()) {
            return new Outcome(colors, leftToNetwork);
        }
        boolean[] background = backgrounds(regions, panels);
        Rect[] boxes = regions.boundingBoxes();
        int guardBall = GUARD_BALLS * maxBallPx;
        List<int[]> added = new ArrayList<>(); // {label, color} of the parts hints split off
        int[] updated = colors.clone();
        for (Map.Entry<Integer, List<int[]>> entry : dotsByRegion.entrySet()) {
            int label = entry.getKey();
            List<int[]> dots = entry.getValue();
            Rect box = boxes[label];
            int[] distinct = dots.stream().mapToInt(d -> d[1]).distinct().toArray();
            if (background[label]) {
                for (int color : distinct) {
                    List<int[]> ofColor = dots.stream().filter(d -> d[1] == color).toList();
                    int[] local = localMask(regions, label, box);
                    int[] reached = ballReach(regions, local, box, ofColor, guardBall);
                    if (reached != null && reached.length < BACKGROUND_PART * regions.area(label)) {
                        int[] part = partition(local, box, regions, List.of(reached));
                        added.add(new int[] {split(regions, part, box, 1), color});
                    } else {
                        leftToNetwork.addAll(ofColor);
                    }
                }
            } else if (distinct.length == 1) {
                int[] local = localMask(regions, label, box);
                int[] reached = ballReach(regions, local, box, dots, guardBall);
                if (reached == null || reached.length >= WHOLE_SHARE * regions.area(label)) {
                    updated[label] = distinct[0];
                } else {
                    int[] part = partition(local, box, regions, List.of(reached));
                    added.add(new int[] {split(regions, part, box, 1), distinct[0]});
                }
            } else {
                List<int[]> seedsByColor = new ArrayList<>();
                for (int color : distinct) {
                    seedsByColor.add(dots.stream().filter(d -> d[1] == color).mapToInt(d -> d[0]).toArray());
                }
                int[] part = partition(localMask(regions, label, box), box, regions, seedsByColor);
                updated[label] = distinct[0];
                for (int g = 2; g <= distinct.length; g++) {
                    added.add(new int[] {split(regions, part, box, g), distinct[g - 1]});
                }
            }
        }
        int[] grown = Arrays.copyOf(updated, regions.count());
        Arrays.fill(grown, updated.length, grown.length, FlatFill.KEEP_PREDICTION);
        for (int[] labelAndColor : added) {
            grown[labelAndColor[0]] = labelAndColor[1];
        }
        return new Outcome(grown, leftToNetwork);
    }

    /** Each panel's largest region (by paper inside the panel): its background. */
    private static boolean[] backgrounds(LineRegions regions, List<Rect> panels) {
        boolean[] background = new boolean[regions.count()];
        List<Rect> areas = panels.isEmpty() ? List.of(new Rect(0, 0, regions.width(), regions.height())) : panels;
        int[] paper = new int[regions.count()];
        for (Rect panel : areas) {
            Arrays.fill(paper, 0);
            int largest = 0;
            for (int y = panel.y; y < panel.y + panel.height; y++) {
                for (int x = panel.x; x < panel.x + panel.width; x++) {
                    int i = y * regions.width() + x;
                    if (!regions.isInk(i)) {
                        int l = regions.labelAt(i);
                        if (++paper[l] > paper[largest]) {
                            largest = l;
                        }
                    }
                }
            }
            background[largest] = largest != 0;
        }
        return background;
    }

    /** Each opaque hint pixel as {page index, 0xRRGGBB}, grouped by the region it falls in. */
    private static Map<Integer, List<int[]>> dots(Mat hints, LineRegions regions) {
        byte[] bgra = new byte[hints.rows() * hints.cols() * 4];
        hints.get(0, 0, bgra);
        Map<Integer, List<int[]>> byRegion = new LinkedHashMap<>();
        for (int y = 0; y < hints.rows(); y++) {
            for (int x = 0; x < hints.cols(); x++) {
                int i = (y * hints.cols() + x) * 4;
                if ((bgra[i + 3] & 0xff) < OPAQUE) {
                    continue;
                }
                int px = Math.min(regions.width() - 1, (int) ((x + 0.5) * regions.width() / hints.cols()));
                int py = Math.min(regions.height() - 1, (int) ((y + 0.5) * regions.height() / hints.rows()));
                int label = regions.label(px, py);
                if (label > 0) {
                    int color = (bgra[i + 2] & 0xff) << 16 | (bgra[i + 1] & 0xff) << 8 | bgra[i] & 0xff;
                    byRegion.computeIfAbsent(label, l -> new ArrayList<>()).add(new int[] {py * regions.width() + px, color});
                }
            }
        }
        return byRegion;
    }

    /** Over the region's box: 1 for its paper, 2 for its ink, 0 for other regions. */
    private static int[] localMask(LineRegions regions, int label, Rect box) {
        int[] local = new int[box.width * box.height];
        for (int y = 0; y < box.height; y++) {
            for (int x = 0; x < box.width; x++) {
                int i = (box.y + y) * regions.width() + box.x + x;
                if (regions.labelAt(i) == label) {
                    local[y * box.width + x] = regions.isInk(i) ? 2 : 1;
                }
            }
        }
        return local;
    }

    /**
     * The region's paper a ball reaches rolled from the hint (local indices), the ball as large as fits at the
     * hint up to {@code maxBallPx}; null when the hint lies on ink only.
     */
    private static int[] ballReach(LineRegions regions, int[] local, Rect box, List<int[]> dots, int maxBallPx) {
        Mat paper = new Mat(box.height, box.width, CvType.CV_8UC1);
        byte[] bytes = new byte[local.length];
        for (int k = 0; k < local.length; k++) {
            bytes[k] = local[k] == 1 ? (byte) 255 : 0;
        }
        paper.put(0, 0, bytes);
        // Padded so that the page's edge, unlike a line, does not stop the ball.
        Mat padded = new Mat();
        Core.copyMakeBorder(paper, padded, 1, 1, 1, 1, Core.BORDER_REPLICATE);
        Mat distance = new Mat();
        Imgproc.distanceTransform(padded, distance, Imgproc.DIST_L2, 3);
        float[] dist = new float[(box.width + 2) * (box.height + 2)];
        distance.get(0, 0, dist);
        float widest = 0;
        for (int[] dot : dots) {
            int x = dot[0] % regions.width() - box.x;
            int y = dot[0] / regions.width() - box.y;
            widest = Math.max(widest, dist[(y + 1) * (box.width + 2) + x + 1]);
        }
        if (widest < 1) {
            Mats.release(paper, padded, distance);
            return null;
        }
        int radius = Math.max(1, Math.min(maxBallPx, (int) Math.floor(widest) - 1));
        Mat eroded = new Mat();
        TrappedBallSegmentation.morph(Imgproc.MORPH_ERODE, paper, eroded, radius);
        Mat pieces = new Mat();
        Imgproc.connectedComponents(eroded, pieces, 4, CvType.CV_32S);
        int[] piece = new int[local.length];
        pieces.get(0, 0, piece);
        boolean[] hinted = new boolean[local.length + 1];
        for (int[] dot : dots) {
            int k = (dot[0] / regions.width() - box.y) * box.width + dot[0] % regions.width() - box.x;
            hinted[piece[k]] = true;
        }
        hinted[0] = false;
        byte[] kept = new byte[local.length];
        for (int k = 0; k < local.length; k++) {
            kept[k] = hinted[piece[k]] ? (byte) 255 : 0;
        }
        eroded.put(0, 0, kept);
        Mat reach = new Mat();
        TrappedBallSegmentation.morph(Imgproc.MORPH_DILATE, eroded, reach, radius);
        Core.bitwise_and(reach, paper, reach);
        reach.get(0, 0, kept);
        Mats.release(paper, padded, distance, eroded, pieces, reach);
        int[] reached = new int[local.length];
        int count = 0;
        for (int k = 0; k < local.length; k++) {
            if (kept[k] != 0) {
                reached[count++] = k;
            }
        }
        return count == 0 ? null : Arrays.copyOf(reached, count);
    }

    /**
     * The region's pixels split among seed groups (group g+1 for {@code seeds.get(g)}; a lone group competes
     * with the rest of the region's paper, group 2) by nearest seed along paths inside the region. {@code seeds}
     * hold page indices, except a lone group's, which holds local ones (from {@link #ballReach}).
     */
    private static int[] partition(int[] local, Rect box, LineRegions regions, List<int[]> seeds) {
        int[] group = new int[local.length];
        int[] queue = new int[local.length];
        int tail = 0;
        for (int k = 0; k < local.length; k++) {
            group[k] = local[k] == 0 ? -1 : 0;
        }
        boolean lone = seeds.size() == 1;
        for (int g = 0; g < seeds.size(); g++) {
            for (int index : seeds.get(g)) {
                int k = lone ? index : (index / regions.width() - box.y) * box.width + index % regions.width() - box.x;
                if (group[k] == 0) {
                    group[k] = g + 1;
                    queue[tail++] = k;
                }
            }
        }
        if (lone) {
            for (int k = 0; k < local.length; k++) {
                if (group[k] == 0 && local[k] == 1) {
                    group[k] = 2;
                    queue[tail++] = k;
                }
            }
        }
        for (int head = 0; head < tail; head++) {
            int k = queue[head];
            int x = k % box.width;
            int[] neighbours = {x > 0 ? k - 1 : -1, x < box.width - 1 ? k + 1 : -1, k - box.width, k + box.width};
            for (int j : neighbours) {
                if (j >= 0 && j < local.length && group[j] == 0) {
                    group[j] = group[k];
                    queue[tail++] = j;
                }
            }
        }
        return group;
    }

    /** Gives the pixels of {@code group} a new label; returns it. */
    private static int split(LineRegions regions, int[] group, Rect box, int g) {
        int[] pixels = new int[group.length];
        int count = 0;
        for (int k = 0; k < group.length; k++) {
            if (group[k] == g) {
                pixels[count++] = (box.y + k / box.width) * regions.width() + box.x + k % box.width;
            }
        }
        return regions.addLabel(pixels, count);
    }

}
