package dev.colorize.ml.infer;

import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * One color per region, voted from the network's prediction over the region's pixels away from the ink (where the
 * prediction bleeds across lines least): the mean in Lab of the pixels within {@link #TRIM_DELTA_E} of their median.
 * Robust: a few stray tints in a large background do not tint it, and a second color does not average with the first
 * into grey; and otherwise the least-squares color of the region's flat (measured: a median or a mode loses 0.2-0.7 dB
 * against it, docs/QUALITY.md). A region the network leaves near paper white is paper white exactly.
 *
 * <p>Line art does not close every color boundary (a face drawn without its outline, hair open at the frame): where
 * the prediction paints a second flat inside a region (a connected part at least a minimum region in size, clearly
 * apart from the region's color by {@link #SECOND_FLAT_DELTA_E}, and itself flat: {@link #UNIFORM_SHARE} of its
 * pixels within {@link #UNIFORM_DELTA_E} of its median), that part becomes a region of its own with its own vote.
 * Mottling, tints drifting across a region, is not flat and stays inside the region's one vote.
 *
 * <p>Before the splits, pieces of one shape the balls split (touching through paper, votes close) are joined and
 * vote together ({@link SplitShapes}).
 */
final class RegionVotes {

    /** 8-bit Lab (L scaled to 0..255): at least this light and this close to neutral reads as paper. */
    static final int PAPER_LIGHTNESS = 235;
    static final int PAPER_CHROMA = 6;
    /** The paper around the figures reads as paper up to this pale a tint (a panel washed in light blue is not a flat)... */
    static final int PALE_PAPER_LIGHTNESS = 215;
    static final int PALE_PAPER_CHROMA = 20;
    /** ...where the prediction leaves at least this share of it paper white. */
    static final double WASHED_PAPER_SHARE = 0.2;
    /** Vote over the core pixels when they are at least this share of the region; thin regions use all. */
    static final double MIN_CORE_SHARE = 0.2;
    /** CIE76 distance from the median beyond which a pixel is an outlier, not part of the region's flat. */
    static final double TRIM_DELTA_E = 40;
    /** CIE76 distance from the region's color beyond which a pixel may belong to a second flat. */
    static final double SECOND_FLAT_DELTA_E = 20;
    static final double UNIFORM_DELTA_E = 6;
    static final double UNIFORM_SHARE = 0.8;
    /** Rounds of splitting off second flats: a third color inside a second one is found in the next round. */
    static final int SPLIT_ROUNDS = 3;
    /** A second flat on the paper around the figures is kept when this share of its edge lies near the lines... */
    static final double ALONG_LINES_SHARE = 0.15;
    /** ...within this many pixels of ink (the opening that finds flats may part them from the ink by a pixel or two). */
    static final int STAIN_INK_DISTANCE = 3;
    static final int WHITE = 0xffffff;

    private RegionVotes() {}

    /**
     * Packed 0xRRGGBB per label of {@code regions}, which gains a label for each second flat split off;
     * {@code prediction} is BGR 8-bit of the page's size; parts smaller than {@code minPartPx} are not split off.
     * {@code decided}: colors already decided per label (hints), or {@link FlatFill#KEEP_PREDICTION} where the
     * prediction votes; decided labels keep their color and are not split.
     */
    static int[] colors(LineRegions regions, Mat prediction, int minPartPx, int[] decided) {
        return colors(regions, prediction, minPartPx, decided, null);
    }

    /**
     * As above, with {@code followed}: per label a reference's color (or {@link FlatFill#KEEP_PREDICTION}), which the
     * label takes instead of its vote, whole: it is neither joined with a neighbour painted alike (a body the network
     * leaves white would join the paper) nor split where the network paints it in patches.
     */
    static int[] colors(LineRegions regions, Mat prediction, int minPartPx, int[] decided, int[] followed) {
        return colors(regions, prediction, minPartPx, decided, followed, null, null);
    }

    /**
     * As above, for a page the network painted: the paper around the figures ({@code paper}) gets no second flat unless
     * it runs along the drawing's lines (not a panel's frame) or holds a hint dot ({@code dots}: per pixel, null: none),
     * for a patch the network paints on empty paper is a stain, not a shape the lines left open.
     */
    static int[] colors(LineRegions regions, Mat prediction, int minPartPx, int[] decided, int[] followed,
            RegionDescriptors.Paper paper, boolean[] dots) {
        int n = regions.width() * regions.height();
        Mat labMat = new Mat();
        Imgproc.cvtColor(prediction, labMat, Imgproc.COLOR_BGR2Lab);
        byte[] lab = new byte[3 * n];
        labMat.get(0, 0, lab);
        labMat.release();

        int[] votes = votes(regions, lab);
        int[] kept = followed == null ? decided : either(decided, followed);
        SplitShapes.rejoin(regions, votes, kept);
        for (int round = 0; round < SPLIT_ROUNDS; round++) {
            int before = regions.count();
            splitSecondFlats(regions, lab, votes, minPartPx, kept, paper, dots);
            if (regions.count() == before) {
                break;
            }
            votes = votes(regions, lab); // the parts split off no longer pull their region's vote
        }
        double[] washed = paper == null ? null : paperShares(regions, lab, paper.labels());
        int[] packed = new int[votes.length / 3];
        Mat one = new Mat(1, 1, CvType.CV_8UC3);
        Mat bgr = new Mat();
        byte[] value = new byte[3];
        for (int l = 0; l < packed.length; l++) {
            if (l < decided.length && decided[l] != FlatFill.KEEP_PREDICTION) {
                packed[l] = decided[l];
                continue;
            }
            if (followed != null && l < followed.length && followed[l] != FlatFill.KEEP_PREDICTION) {
                packed[l] = followed[l];
                continue;
            }
            if (isPaper(votes, l) || washed != null && l < washed.length && washed[l] >= WASHED_PAPER_SHARE
                    && isPale(votes, l)) {
                packed[l] = WHITE;
                continue;
            }
            one.put(0, 0, new byte[] {(byte) votes[3 * l], (byte) votes[3 * l + 1], (byte) votes[3 * l + 2]});
            Imgproc.cvtColor(one, bgr, Imgproc.COLOR_Lab2BGR);
            bgr.get(0, 0, value);
            packed[l] = (value[2] & 0xff) << 16 | (value[1] & 0xff) << 8 | value[0] & 0xff;
        }
        one.release();
        bgr.release();
        return packed;
    }

    /** Per label the first of {@code first} and {@code second} that is not {@link FlatFill#KEEP_PREDICTION}. */
    private static int[] either(int[] first, int[] second) {
        int[] both = first.clone();
        for (int l = 0; l < both.length && l < second.length; l++) {
            if (both[l] == FlatFill.KEEP_PREDICTION) {
                both[l] = second[l];
            }
        }
        return both;
    }

    /**
     * Per label of the paper around the figures ({@code paperLabels}), the share of its pixels off the ink that the
     * prediction leaves paper white (0 for other labels): a network that tints some of the paper and leaves the rest
     * white is washing it, where one that paints a background has no white in it.
     */
    private static double[] paperShares(LineRegions regions, byte[] lab, boolean[] paperLabels) {
        int[] white = new int[paperLabels.length];
        int[] all = new int[paperLabels.length];
        int n = regions.width() * regions.height();
        for (int i = 0; i < n; i++) {
            int l = regions.labelAt(i);
            if (l < paperLabels.length && paperLabels[l] && !regions.isInk(i)) {
                all[l]++;
                int a = (lab[3 * i + 1] & 0xff) - 128;
                int b = (lab[3 * i + 2] & 0xff) - 128;
                white[l] += (lab[3 * i] & 0xff) >= PAPER_LIGHTNESS && Math.abs(a) <= PAPER_CHROMA
                        && Math.abs(b) <= PAPER_CHROMA ? 1 : 0;
            }
        }
        double[] shares = new double[paperLabels.length];
        for (int l = 0; l < shares.length; l++) {
            shares[l] = all[l] == 0 ? 0 : (double) white[l] / all[l];
        }
        return shares;
    }

    /** Whether label {@code l}'s vote is a pale tint ({@link #PALE_PAPER_LIGHTNESS}, {@link #PALE_PAPER_CHROMA}). */
    private static boolean isPale(int[] votes, int l) {
        int a = votes[3 * l + 1] - 128;
        int b = votes[3 * l + 2] - 128;
        return votes[3 * l] >= PALE_PAPER_LIGHTNESS && a * a + b * b <= PALE_PAPER_CHROMA * PALE_PAPER_CHROMA;
    }

    /** Whether label {@code l}'s vote (8-bit L, a, b per label in {@code votes}) reads as paper: it is painted white. */
    static boolean isPaper(int[] votes, int l) {
        return votes[3 * l] >= PAPER_LIGHTNESS && Math.abs(votes[3 * l + 1] - 128) <= PAPER_CHROMA
                && Math.abs(votes[3 * l + 2] - 128) <= PAPER_CHROMA;
    }

    /** The vote (8-bit L, a, b per label) of each label; a label without paper pixels is paper white. */
    private static int[] votes(LineRegions regions, byte[] lab) {
        int count = regions.count();
        int n = regions.width() * regions.height();
        int[] core = new int[count];
        int[] all = new int[count];
        for (int i = 0; i < n; i++) {
            int l = regions.labelAt(i);
            if (!regions.isInk(i)) {
                all[l]++;
                core[l] += regions.isCore(i) ? 1 : 0;
            }
        }
        int[] groupOf = new int[n];
        for (int i = 0; i < n; i++) {
            int l = regions.labelAt(i);
            groupOf[i] = voter(regions, i, l, core, all) ? l : -1;
        }
        int[][] grouped = groupBy(groupOf, count);
        int[] offsets = grouped[0];
        int[] byLabel = grouped[1];
        int[] votes = new int[3 * count];
        int[][] histograms = new int[3][256];
        int[] median = new int[3];
        for (int l = 0; l < count; l++) {
            if (offsets[l] == offsets[l + 1]) {
                votes[3 * l] = 255;
                votes[3 * l + 1] = 128;
                votes[3 * l + 2] = 128;
                continue;
            }
            medianOf(lab, byLabel, offsets[l], offsets[l + 1], histograms, median);
            long[] sum = new long[3];
            int kept = 0;
            for (int k = offsets[l]; k < offsets[l + 1]; k++) {
                int i = byLabel[k];
                if (within(lab, i, median, 0, TRIM_DELTA_E)) {
                    for (int c = 0; c < 3; c++) {
                        sum[c] += lab[3 * i + c] & 0xff;
                    }
                    kept++;
                }
            }
            for (int c = 0; c < 3; c++) {
                votes[3 * l + c] = kept == 0 ? median[c] : (int) Math.round((double) sum[c] / kept);
            }
        }
        return votes;
    }

    /**
     * A counting sort of the pixels into {@code groups} groups by {@code groupOf} (-1: none): {offsets, members},
     * group g's members at {@code members[offsets[g]..offsets[g + 1])}, in pixel order.
     */
    private static int[][] groupBy(int[] groupOf, int groups) {
        int n = groupOf.length;
        int[] offsets = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            int g = groupOf[i];
            if (g >= 0) {
                offsets[g + 1]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            offsets[g + 1] += offsets[g];
        }
        int[] cursor = offsets.clone();
        int[] members = new int[offsets[groups]];
        for (int i = 0; i < n; i++) {
            int g = groupOf[i];
            if (g >= 0) {
                members[cursor[g]++] = i;
            }
        }
        return new int[][] {offsets, members};
    }

    /** Voting pixels: paper of a label being voted, its core only when the core is a fair share of it. */
    private static boolean voter(LineRegions regions, int i, int l, int[] core, int[] all) {
        return !regions.isInk(i)
                && (regions.isCore(i) || core[l] == 0 || core[l] < MIN_CORE_SHARE * all[l]);
    }

    /** The per-channel median of the pixels {@code indices[from..to)} into {@code median}. */
    private static void medianOf(byte[] lab, int[] indices, int from, int to, int[][] histograms, int[] median) {
        for (int k = from; k < to; k++) {
            int i = indices[k];
            for (int c = 0; c < 3; c++) {
                histograms[c][lab[3 * i + c] & 0xff]++;
            }
        }
        for (int c = 0; c < 3; c++) {
            median[c] = medianAndClear(histograms[c], to - from);
        }
    }

    /** Whether pixel {@code i} of {@code lab} lies within CIE76 {@code deltaE} of {@code color[offset..offset+3)}. */
    private static boolean within(byte[] lab, int i, int[] color, int offset, double deltaE) {
        double dl = ((lab[3 * i] & 0xff) - color[offset]) / 2.55;
        double da = (lab[3 * i + 1] & 0xff) - color[offset + 1];
        double db = (lab[3 * i + 2] & 0xff) - color[offset + 2];
        return dl * dl + da * da + db * db <= deltaE * deltaE;
    }

    /** Gives each sizeable, flat, connected part of a region far from the region's color a label of its own. */
    private static void splitSecondFlats(LineRegions regions, byte[] lab, int[] votes, int minPartPx, int[] decided,
            RegionDescriptors.Paper paper, boolean[] dots) {
        int width = regions.width();
        int n = width * regions.height();
        byte[] far = new byte[n];
        for (int i = 0; i < n; i++) {
            int l = regions.labelAt(i);
            if (!regions.isInk(i) && (l >= decided.length || decided[l] == FlatFill.KEEP_PREDICTION)
                    && !within(lab, i, votes, 3 * l, SECOND_FLAT_DELTA_E)) {
                far[i] = (byte) 255;
            }
        }
        Mat mask = new Mat(regions.height(), width, CvType.CV_8UC1);
        mask.put(0, 0, far);
        // Speckle and one-pixel seams along color edges are noise, not a flat.
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, TrappedBallSegmentation.ball(1));
        Mat parts = new Mat();
        int pieces = Imgproc.connectedComponents(mask, parts, 4, CvType.CV_32S);
        int[] part = new int[n];
        parts.get(0, 0, part);
        mask.release();
        parts.release();
        // A part is one piece of the far mask inside one region: the region of the piece's first pixel (pieces meet
        // other regions only where two regions touch without ink between them).
        int[] regionOf = new int[pieces];
        Arrays.fill(regionOf, -1);
        for (int i = 0; i < n; i++) {
            if (part[i] > 0 && regionOf[part[i]] < 0) {
                regionOf[part[i]] = regions.labelAt(i);
            }
        }
        for (int i = 0; i < n; i++) {
            part[i] = part[i] > 0 && regionOf[part[i]] == regions.labelAt(i) ? part[i] : -1;
        }
        int[][] grouped = groupBy(part, pieces);
        int[] offsets = grouped[0];
        int[] byPart = grouped[1];
        boolean[] nearInk = null; // made when a part on the paper first asks
        int[][] histograms = new int[3][256];
        int[] median = new int[3];
        for (int p = 1; p < pieces; p++) {
            int size = offsets[p + 1] - offsets[p];
            if (size < minPartPx || size >= regions.area(regionOf[p])) {
                continue;
            }
            if (paper != null && regionOf[p] < paper.labels().length && paper.labels()[regionOf[p]]
                    && !anyOf(dots, byPart, offsets[p], offsets[p + 1])) {
                nearInk = nearInk == null ? nearInk(regions, paper.frameInk(), STAIN_INK_DISTANCE) : nearInk;
                if (!alongLines(regions, part, p, byPart, offsets[p], offsets[p + 1], nearInk)) {
                    continue;
                }
            }
            medianOf(lab, byPart, offsets[p], offsets[p + 1], histograms, median);
            int near = 0;
            for (int k = offsets[p]; k < offsets[p + 1]; k++) {
                near += within(lab, byPart[k], median, 0, UNIFORM_DELTA_E) ? 1 : 0;
            }
            if (near >= UNIFORM_SHARE * size) {
                regions.addLabel(Arrays.copyOfRange(byPart, offsets[p], offsets[p + 1]), size);
            }
        }
    }

    /**
     * Whether part {@code p} (its pixels {@code indices[from..to)}, {@code part} per pixel) runs along the lines: at least
     * {@link #ALONG_LINES_SHARE} of its edge pixels lie near the drawing's ink ({@code nearInk}). A body drawn open to
     * the paper does; a stain floating on empty paper, or lying along a panel's frame, does not.
     */
    private static boolean alongLines(LineRegions regions, int[] part, int p, int[] indices, int from, int to,
            boolean[] nearInk) {
        int width = regions.width();
        int n = part.length;
        int edge = 0;
        int inked = 0;
        for (int k = from; k < to; k++) {
            int i = indices[k];
            int x = i % width;
            boolean onEdge = x == 0 || x == width - 1 || i < width || i + width >= n || part[i - 1] != p
                    || part[i + 1] != p || part[i - width] != p || part[i + width] != p;
            if (onEdge) {
                edge++;
                inked += nearInk[i] ? 1 : 0;
            }
        }
        return inked >= ALONG_LINES_SHARE * edge;
    }

    /** Pixels within {@code distance} (4-connected steps) of the drawing's ink ({@code frameInk} left out). */
    private static boolean[] nearInk(LineRegions regions, boolean[] frameInk, int distance) {
        int width = regions.width();
        int n = width * regions.height();
        boolean[] near = new boolean[n];
        for (int i = 0; i < n; i++) {
            near[i] = regions.isInk(i) && !frameInk[i];
        }
        for (int step = 0; step < distance; step++) {
            boolean[] grown = near.clone();
            for (int i = 0; i < n; i++) {
                if (near[i]) {
                    int x = i % width;
                    if (x > 0) grown[i - 1] = true;
                    if (x < width - 1) grown[i + 1] = true;
                    if (i >= width) grown[i - width] = true;
                    if (i + width < n) grown[i + width] = true;
                }
            }
            near = grown;
        }
        return near;
    }

    /** Whether any of the pixels {@code indices[from..to)} is set in {@code mask} (null: none is). */
    private static boolean anyOf(boolean[] mask, int[] indices, int from, int to) {
        for (int k = from; mask != null && k < to; k++) {
            if (mask[indices[k]]) {
                return true;
            }
        }
        return false;
    }

    /** The median bin of a histogram of {@code samples} values; leaves the histogram zeroed. */
    private static int medianAndClear(int[] histogram, int samples) {
        int half = (samples + 1) / 2;
        int seen = 0;
        int median = -1;
        for (int v = 0; v < 256; v++) {
            seen += histogram[v];
            if (median < 0 && seen >= half) {
                median = v;
            }
            histogram[v] = 0;
        }
        return Math.max(median, 0);
    }
}
