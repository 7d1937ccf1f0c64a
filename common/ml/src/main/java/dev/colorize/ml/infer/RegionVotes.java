package dev.colorize.ml.infer;

import java.util.HashMap;
import java.util.Map;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * One color per region, voted from the network's prediction: the mode in Lab of the region's pixels away
 * from the ink (where the prediction bleeds across lines least). A mode, not a mean, so a few stray tints in a
 * large background do not tint it and two colors do not average into grey. A region the network leaves near
 * paper white is paper white exactly.
 *
 * <p>Line art does not close every color boundary (a face drawn without its outline, hair open at the frame): where
 * the prediction paints a second flat inside a region, clearly apart from the region's color
 * ({@link #SECOND_FLAT_DELTA_E}) and at least a minimum region in size, that part becomes a region of its own with its
 * own vote. Mottling, tints a few units apart, stays inside one vote.
 */
final class RegionVotes {

    /** 8-bit Lab (L scaled to 0..255): at least this light and this close to neutral reads as paper. */
    static final int PAPER_LIGHTNESS = 235;
    static final int PAPER_CHROMA = 6;
    /** Vote over the core pixels when they are at least this share of the region; thin regions use all. */
    static final double MIN_CORE_SHARE = 0.2;
    /** CIE76 distance from the region's color beyond which a pixel belongs to a second flat. */
    static final double SECOND_FLAT_DELTA_E = 20;
    /** Rounds of splitting off second flats: a third color inside a second one is found in the next round. */
    static final int SPLIT_ROUNDS = 3;
    static final int WHITE = 0xffffff;

    private RegionVotes() {}

    /**
     * Packed 0xRRGGBB per label of {@code regions}, which gains a label for each second flat split off;
     * {@code prediction} is BGR 8-bit of the page's size; parts smaller than {@code minPartPx} are not split off.
     */
    static int[] colors(LineRegions regions, Mat prediction, int minPartPx) {
        int n = regions.width() * regions.height();
        Mat labMat = new Mat();
        Imgproc.cvtColor(prediction, labMat, Imgproc.COLOR_BGR2Lab);
        byte[] lab = new byte[3 * n];
        labMat.get(0, 0, lab);
        labMat.release();

        int[] colors = medians(regions, lab, new int[0]);
        for (int round = 0; round < SPLIT_ROUNDS; round++) {
            int before = regions.count();
            splitSecondFlats(regions, lab, colors, minPartPx);
            if (regions.count() == before) {
                break;
            }
            colors = medians(regions, lab, colors);
        }
        int[] packed = new int[colors.length / 3];
        Mat one = new Mat(1, 1, CvType.CV_8UC3);
        Mat bgr = new Mat();
        byte[] value = new byte[3];
        for (int l = 0; l < packed.length; l++) {
            int lightness = colors[3 * l];
            int a = colors[3 * l + 1];
            int b = colors[3 * l + 2];
            if (lightness >= PAPER_LIGHTNESS && Math.abs(a - 128) <= PAPER_CHROMA && Math.abs(b - 128) <= PAPER_CHROMA) {
                packed[l] = WHITE;
                continue;
            }
            one.put(0, 0, new byte[] {(byte) lightness, (byte) a, (byte) b});
            Imgproc.cvtColor(one, bgr, Imgproc.COLOR_Lab2BGR);
            bgr.get(0, 0, value);
            packed[l] = (value[2] & 0xff) << 16 | (value[1] & 0xff) << 8 | value[0] & 0xff;
        }
        one.release();
        bgr.release();
        return packed;
    }

    /**
     * The Lab mode (L, a, b per label) of each label from {@code known.length / 3} on; the known ones are kept.
     * The mode: the fullest cell of a 16-level Lab grid, refined to the median of the pixels in it and its
     * neighbour cells. Per-channel medians would mix two flats into a color neither has. A label without paper
     * pixels is paper white.
     */
    private static int[] medians(LineRegions regions, byte[] lab, int[] known) {
        int count = regions.count();
        int from = known.length / 3;
        int n = regions.width() * regions.height();
        int[] core = new int[count];
        int[] all = new int[count];
        for (int i = 0; i < n; i++) {
            int l = regions.labelAt(i);
            if (l >= from && !regions.isInk(i)) {
                all[l]++;
                core[l] += regions.isCore(i) ? 1 : 0;
            }
        }
        // Counting sort of the voting pixels by label, so each label's pixels are contiguous.
        int[] offsets = new int[count + 1];
        for (int i = 0; i < n; i++) {
            int l = regions.labelAt(i);
            if (votes(regions, i, l, from, core, all)) {
                offsets[l + 1]++;
            }
        }
        for (int l = 0; l < count; l++) {
            offsets[l + 1] += offsets[l];
        }
        int[] cursor = offsets.clone();
        int[] byLabel = new int[offsets[count]];
        for (int i = 0; i < n; i++) {
            int l = regions.labelAt(i);
            if (votes(regions, i, l, from, core, all)) {
                byLabel[cursor[l]++] = i;
            }
        }
        int[] modes = java.util.Arrays.copyOf(known, 3 * count);
        int[] cells = new int[16 * 16 * 16];
        int[][] histograms = new int[3][256];
        for (int l = from; l < count; l++) {
            if (offsets[l] == offsets[l + 1]) {
                modes[3 * l] = 255;
                modes[3 * l + 1] = 128;
                modes[3 * l + 2] = 128;
                continue;
            }
            int best = 0;
            for (int k = offsets[l]; k < offsets[l + 1]; k++) {
                int cell = cell(lab, byLabel[k]);
                if (++cells[cell] > cells[best]) {
                    best = cell;
                }
            }
            int samples = 0;
            for (int k = offsets[l]; k < offsets[l + 1]; k++) {
                int i = byLabel[k];
                int cell = cell(lab, i);
                cells[cell] = 0;
                if (Math.abs((cell >> 8) - (best >> 8)) <= 1 && Math.abs((cell >> 4 & 15) - (best >> 4 & 15)) <= 1
                        && Math.abs((cell & 15) - (best & 15)) <= 1) {
                    for (int c = 0; c < 3; c++) {
                        histograms[c][lab[3 * i + c] & 0xff]++;
                    }
                    samples++;
                }
            }
            for (int c = 0; c < 3; c++) {
                modes[3 * l + c] = medianAndClear(histograms[c], samples);
            }
        }
        return modes;
    }

    /** Voting pixels: paper of a label being voted, its core only when the core is a fair share of it. */
    private static boolean votes(LineRegions regions, int i, int l, int from, int[] core, int[] all) {
        return l >= from && !regions.isInk(i)
                && (regions.isCore(i) || core[l] == 0 || core[l] < MIN_CORE_SHARE * all[l]);
    }

    private static int cell(byte[] lab, int i) {
        return (lab[3 * i] & 0xf0) << 4 | lab[3 * i + 1] & 0xf0 | (lab[3 * i + 2] & 0xff) >> 4;
    }

    /** Gives each sizeable connected part of a region far from the region's color a label of its own. */
    private static void splitSecondFlats(LineRegions regions, byte[] lab, int[] colors, int minPartPx) {
        int width = regions.width();
        int n = width * regions.height();
        byte[] far = new byte[n];
        for (int i = 0; i < n; i++) {
            if (!regions.isInk(i)) {
                int l = regions.labelAt(i);
                double dl = ((lab[3 * i] & 0xff) - colors[3 * l]) / 2.55;
                double da = (lab[3 * i + 1] & 0xff) - colors[3 * l + 1];
                double db = (lab[3 * i + 2] & 0xff) - colors[3 * l + 2];
                far[i] = dl * dl + da * da + db * db > SECOND_FLAT_DELTA_E * SECOND_FLAT_DELTA_E ? (byte) 255 : 0;
            }
        }
        Mat mask = new Mat(regions.height(), width, CvType.CV_8UC1);
        mask.put(0, 0, far);
        // Speckle and one-pixel seams along color edges are noise, not a flat.
        Imgproc.morphologyEx(mask, mask, Imgproc.MORPH_OPEN, TrappedBallSegmentation.ball(1));
        Mat parts = new Mat();
        Imgproc.connectedComponents(mask, parts, 4, CvType.CV_32S);
        int[] part = new int[n];
        parts.get(0, 0, part);
        mask.release();
        parts.release();
        // A part is one piece of the far mask inside one region.
        Map<Long, int[]> pixelsByPart = new HashMap<>();
        Map<Long, Integer> sizes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (part[i] > 0) {
                sizes.merge((long) part[i] << 32 | regions.labelAt(i), 1, Integer::sum);
            }
        }
        for (int i = 0; i < n; i++) {
            if (part[i] > 0) {
                long key = (long) part[i] << 32 | regions.labelAt(i);
                int size = sizes.get(key);
                if (size >= minPartPx && size < regions.area(regions.labelAt(i))) {
                    int[] pixels = pixelsByPart.computeIfAbsent(key, k -> new int[size + 1]);
                    pixels[1 + pixels[0]++] = i;
                }
            }
        }
        for (int[] pixels : pixelsByPart.values()) {
            regions.addLabel(java.util.Arrays.copyOfRange(pixels, 1, 1 + pixels[0]), pixels[0]);
        }
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
