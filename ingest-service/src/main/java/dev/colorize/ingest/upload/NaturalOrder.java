package dev.colorize.ingest.upload;

import java.util.Comparator;

/**
 * File names as people number pages: runs of digits compare as numbers, so "2.png" comes before "10.png";
 * other characters compare case-insensitively. Digit runs are compared in place (leading zeros skipped,
 * then length, then digit by digit), never parsed, so a comparison allocates nothing and costs time linear
 * in the names, whose length {@link PageFileNames#MAX_LENGTH} caps. Names that differ only in zero padding
 * or case fall back to plain string order, so sorting gives one order whatever the input order.
 */
public final class NaturalOrder implements Comparator<String> {

    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (isDigit(ca) && isDigit(cb)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byNumber = compareNumbers(a, i, endA, b, j, endB);
                if (byNumber != 0) {
                    return byNumber;
                }
                i = endA;
                j = endB;
            } else {
                int byChar = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        int byRest = Integer.compare(a.length() - i, b.length() - j);
        return byRest != 0 ? byRest : a.compareTo(b);
    }

    /** Two digit runs by value: without leading zeros the longer is larger, else the first differing digit decides. */
    private static int compareNumbers(String a, int startA, int endA, String b, int startB, int endB) {
        int i = skipZeros(a, startA, endA);
        int j = skipZeros(b, startB, endB);
        int byLength = Integer.compare(endA - i, endB - j);
        if (byLength != 0) {
            return byLength;
        }
        for (; i < endA; i++, j++) {
            int byDigit = Character.compare(a.charAt(i), b.charAt(j));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        return 0;
    }

    /**
     * ASCII digits only: Character.isDigit also takes other scripts' digits, which as characters sort after ':'
     * while ASCII digits sort before it, yet as numbers compare with ASCII ones: "x5" < "x:" < "x" + Arabic-Indic
     * three < "x5" was a cycle, on which List.sort may throw.
     */
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    private static int skipZeros(String s, int from, int end) {
        int i = from;
        while (i < end && s.charAt(i) == '0') {
            i++;
        }
        return i;
    }
}
