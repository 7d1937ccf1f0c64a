package dev.colorize.ml.infer;

import java.util.Arrays;

/**
 * Rejoins a shape the trapped balls split. A ball cannot pass a thin shape's narrow necks (a leg at the knee, a hair
 * strand, a finger), so the shape falls into pieces that touch through open paper, and each piece would vote its
 * own tint from the network's mottled prediction: streaks of several colors where a colorist paints one. Pieces
 * that touch through paper (never across ink) and whose votes lie within {@link #JOIN_DELTA_E} are one shape and
 * take one vote. A gap in an outline looks like a neck to the balls; only the colors tell the two apart, so a shape
 * behind a gap joins its neighbour only when both were about one color anyway.
 *
 * <p>Closest pairs join first and each join is checked against the joined shape's mean vote, so a chain of small
 * steps does not drift from one color to a far one. Paper white and colored pieces never join (a pale shape would
 * turn white, or the page's paper take its tint), nor do regions a hint decided.
 */
final class SplitShapes {

    /** CIE76 distance between two votes below which touching pieces are one shape. */
    static final double JOIN_DELTA_E = 20;

    private SplitShapes() {}

    /**
     * Joins the split shapes of {@code regions}; {@code votes} (8-bit L, a, b per label) gets each joined shape's
     * area-weighted mean. {@code decided}: per label a hint's color or {@link FlatFill#KEEP_PREDICTION}.
     */
    static void rejoin(LineRegions regions, int[] votes, int[] decided) {
        int count = regions.count();
        PaperContacts contacts = regions.contacts();
        int[] area = contacts.area();
        int[] parent = new int[count];
        double[] mean = new double[3 * count];
        long[] weight = new long[count];
        for (int l = 0; l < count; l++) {
            parent[l] = l;
            weight[l] = area[l];
            for (int c = 0; c < 3; c++) {
                mean[3 * l + c] = votes[3 * l + c];
            }
        }
        long[] candidates = new long[contacts.size()];
        int candidateCount = 0;
        for (int k = 0; k < contacts.size(); k++) {
            int a = contacts.from()[k];
            int b = contacts.to()[k];
            if (a < b && votedFreely(a, decided) && votedFreely(b, decided) && area[a] > 0 && area[b] > 0
                    && RegionVotes.isPaper(votes, a) == RegionVotes.isPaper(votes, b)) {
                double distance = deltaE(mean, a, b);
                if (distance < JOIN_DELTA_E) {
                    candidates[candidateCount++] = (long) (distance * 100) << 32 | k; // closest first
                }
            }
        }
        if (candidateCount == 0) {
            return;
        }
        Arrays.sort(candidates, 0, candidateCount);
        for (int q = 0; q < candidateCount; q++) {
            int k = (int) candidates[q];
            int a = TrappedBallSegmentation.root(parent, contacts.from()[k]);
            int b = TrappedBallSegmentation.root(parent, contacts.to()[k]);
            if (a == b || deltaE(mean, a, b) >= JOIN_DELTA_E) {
                continue;
            }
            if (weight[a] < weight[b]) {
                int swap = a;
                a = b;
                b = swap;
            }
            long total = weight[a] + weight[b];
            for (int c = 0; c < 3; c++) {
                mean[3 * a + c] = (mean[3 * a + c] * weight[a] + mean[3 * b + c] * weight[b]) / total;
            }
            weight[a] = total;
            parent[b] = a;
        }
        int[] rootOf = new int[count];
        for (int l = 0; l < count; l++) {
            rootOf[l] = TrappedBallSegmentation.root(parent, l);
            if (rootOf[l] == l) {
                for (int c = 0; c < 3; c++) {
                    votes[3 * l + c] = (int) Math.round(mean[3 * l + c]);
                }
            }
        }
        regions.join(rootOf);
    }

    private static boolean votedFreely(int label, int[] decided) {
        return label >= decided.length || decided[label] == FlatFill.KEEP_PREDICTION;
    }

    /** CIE76 between the 8-bit Lab colors (L scaled 0..255) of labels {@code a} and {@code b}. */
    private static double deltaE(double[] lab, int a, int b) {
        double dl = (lab[3 * a] - lab[3 * b]) / 2.55;
        double da = lab[3 * a + 1] - lab[3 * b + 1];
        double db = lab[3 * a + 2] - lab[3 * b + 2];
        return Math.sqrt(dl * dl + da * da + db * db);
    }
}
