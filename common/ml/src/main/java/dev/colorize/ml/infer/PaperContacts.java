package dev.colorize.ml.infer;

import java.util.Arrays;

/**
 * Where labelled pieces of a page touch through open paper (4-neighbours, neither pixel ink): the pieces the
 * balls or a gap split, as opposed to pieces an ink line keeps apart.
 *
 * @param from    the first piece of each contact, each ordered pair once, sorted
 * @param to      the piece it touches
 * @param length  how many pixel sides of {@code from} touch {@code to}
 * @param border  per piece, its pixel sides touching anything else (ink or another piece)
 * @param area    per piece, its pixels off the ink
 */
record PaperContacts(int[] from, int[] to, int[] length, int[] border, int[] area) {

    /** The contacts of {@code labels} (0..count-1 over a page {@code width} wide) outside {@code ink}. */
    static PaperContacts of(int[] labels, boolean[] ink, int count, int width) {
        int n = labels.length;
        int[] border = new int[count];
        int[] area = new int[count];
        // Each open-paper contact between two pieces as (piece << 32 | neighbour), counted after a sort. Each pixel
        // side is visited once, from its left or upper pixel, and counted for both pieces.
        long[] contacts = new long[1024];
        int contactCount = 0;
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (!ink[i]) {
                area[l]++;
            }
            for (int d = 0; d < 2; d++) {
                int j = d == 0 ? (i % width < width - 1 ? i + 1 : n) : i + width;
                if (j >= n || labels[j] == l || ink[i] && ink[j]) {
                    continue;
                }
                int m = labels[j];
                if (ink[i] || ink[j]) {
                    border[ink[i] ? m : l]++;
                    continue;
                }
                border[l]++;
                border[m]++;
                if (contactCount + 2 > contacts.length) {
                    contacts = Arrays.copyOf(contacts, 2 * contacts.length);
                }
                contacts[contactCount++] = (long) l << 32 | m;
                contacts[contactCount++] = (long) m << 32 | l;
            }
        }
        Arrays.sort(contacts, 0, contactCount);
        int pairs = 0;
        for (int k = 0; k < contactCount; k++) {
            pairs += k == 0 || contacts[k] != contacts[k - 1] ? 1 : 0;
        }
        int[] from = new int[pairs];
        int[] to = new int[pairs];
        int[] length = new int[pairs];
        for (int k = 0, p = -1; k < contactCount; k++) {
            if (k == 0 || contacts[k] != contacts[k - 1]) {
                p++;
                from[p] = (int) (contacts[k] >>> 32);
                to[p] = (int) contacts[k];
            }
            length[p]++;
        }
        return new PaperContacts(from, to, length, border, area);
    }

    int size() {
        return from.length;
    }
}
