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
        // Each open-paper contact between two pieces as (piece << 32 | neighbour), counted after a sort.
        long[] contacts = new long[1024];
        int contactCount = 0;
        for (int i = 0; i < n; i++) {
            if (ink[i]) {
                continue;
            }
            int l = labels[i];
            area[l]++;
            int x = i % width;
            for (int d = 0; d < 4; d++) {
                int j = d == 0 ? (x > 0 ? i - 1 : -1) : d == 1 ? (x < width - 1 ? i + 1 : -1) : d == 2 ? i - width : i + width;
                if (j < 0 || j >= n || labels[j] == l) {
                    continue;
                }
                border[l]++;
                if (!ink[j]) {
                    if (contactCount == contacts.length) {
                        contacts = Arrays.copyOf(contacts, 2 * contacts.length);
                    }
                    contacts[contactCount++] = (long) l << 32 | labels[j];
                }
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
