package dev.colorize.ml.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * One color per character part across the pages of a chapter colored together: regions of different pages that are
 * each other's nearest (what the network read over them, place and share in their figure, compared
 * {@link RegionMetric#HAND_SET hand-set}: the vote was measured with those thresholds, and a learned metric's measured
 * 0.4 dB worse) and near enough are one part, and the part takes one color on every page: a color a hint
 * gave one of its regions, else the region color closest to all of the part's others (weighted by area: a real color
 * of one page, never a grey average). The network guesses a character's colors anew on each page; this keeps its
 * guess one guess per chapter. Regions of one page the network painted alike and that touch stay alike after the vote
 * (the pieces of a face must not take the colors of different pages' parts).
 */
final class ChapterVote {

    /** Regions painted within this (8-bit RGB) before the vote count as painted alike. */
    static final int ALIKE_RGB_DISTANCE = 40;

    private ChapterVote() {}

    /**
     * Recolors {@code pages}' regions in place ({@link FlatFill.RegionFlats#colors}); {@code descriptors} are the
     * pages' figure regions, in the same order.
     */
    static void vote(List<FlatFill.RegionFlats> pages, List<RegionDescriptors> descriptors) {
        int[] offsets = new int[pages.size() + 1];
        for (int p = 0; p < pages.size(); p++) {
            offsets[p + 1] = offsets[p] + descriptors.get(p).size();
        }
        int[] parent = new int[offsets[pages.size()]];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int p = 0; p < pages.size(); p++) {
            for (int q = p + 1; q < pages.size(); q++) {
                RegionDescriptors a = descriptors.get(p);
                RegionDescriptors b = descriptors.get(q);
                int[] nearestInB = nearest(a, b);
                int[] nearestInA = nearest(b, a);
                for (int k = 0; k < a.size(); k++) {
                    int j = nearestInB[k];
                    if (j >= 0 && nearestInA[j] == k) {
                        union(parent, offsets[p] + k, offsets[q] + j);
                    }
                }
            }
        }
        List<List<int[]>> parts = new ArrayList<>();
        int[] partOf = new int[parent.length];
        java.util.Arrays.fill(partOf, -1);
        for (int p = 0; p < pages.size(); p++) {
            for (int k = 0; k < descriptors.get(p).size(); k++) {
                int root = find(parent, offsets[p] + k);
                if (partOf[root] < 0) {
                    partOf[root] = parts.size();
                    parts.add(new ArrayList<>());
                }
                parts.get(partOf[root]).add(new int[] {p, k});
            }
        }
        List<int[]> before = new ArrayList<>(pages.size());
        List<boolean[]> byHint = new ArrayList<>(pages.size());
        for (FlatFill.RegionFlats page : pages) {
            before.add(page.colors().clone());
            byHint.add(new boolean[page.colors().length]);
        }
        for (List<int[]> part : parts) {
            if (part.size() < 2) {
                continue;
            }
            int hint = hintColor(part, pages, descriptors);
            boolean hinted = hint != FlatFill.KEEP_PREDICTION;
            int color = hinted ? hint : medoidColor(part, pages, descriptors);
            for (int[] member : part) {
                FlatFill.RegionFlats page = pages.get(member[0]);
                int label = descriptors.get(member[0]).labels()[member[1]];
                if (page.decided()[label] == FlatFill.KEEP_PREDICTION) {
                    page.colors()[label] = color;
                    byHint.get(member[0])[label] = hinted;
                }
            }
        }
        for (int p = 0; p < pages.size(); p++) {
            keepShapesWhole(pages.get(p), descriptors.get(p), before.get(p), byHint.get(p));
        }
    }

    /**
     * Regions of a page that touch (across a line or through paper) and that the network painted alike keep one color
     * after the vote, the largest one's: the vote finds each region's part on its own, and the pieces of one face
     * taking the colors of different pages' parts is patchwork. Regions a hint decided, on this page or through their
     * part, keep theirs.
     */
    private static void keepShapesWhole(FlatFill.RegionFlats page, RegionDescriptors descriptors, int[] before,
            boolean[] byHint) {
        LineRegions regions = page.regions();
        int count = page.colors().length;
        boolean[] member = new boolean[count];
        int[] area = new int[count];
        for (int k = 0; k < descriptors.size(); k++) {
            int label = descriptors.labels()[k];
            member[label] = page.decided()[label] == FlatFill.KEEP_PREDICTION && !byHint[label];
            area[label] = descriptors.areas()[k];
        }
        int[] parent = new int[count];
        for (int l = 0; l < count; l++) {
            parent[l] = l;
        }
        int width = regions.width();
        int n = width * regions.height();
        for (int i = 0; i < n; i++) {
            int a = regions.labelAt(i);
            if (member[a]) {
                if (i % width < width - 1) {
                    joinIfAlike(parent, member, before, a, regions.labelAt(i + 1));
                }
                if (i + width < n) {
                    joinIfAlike(parent, member, before, a, regions.labelAt(i + width));
                }
            }
        }
        int[] largest = new int[count];
        java.util.Arrays.fill(largest, -1);
        for (int l = 0; l < count; l++) {
            if (member[l]) {
                int root = find(parent, l);
                if (largest[root] < 0 || area[l] > area[largest[root]]) {
                    largest[root] = l;
                }
            }
        }
        for (int l = 0; l < count; l++) {
            if (member[l]) {
                page.colors()[l] = page.colors()[largest[find(parent, l)]];
            }
        }
    }

    private static void joinIfAlike(int[] parent, boolean[] member, int[] before, int a, int b) {
        if (b != a && member[b] && ReferenceMatcher.rgbDistance(before[a], before[b]) <= ALIKE_RGB_DISTANCE) {
            union(parent, a, b);
        }
    }

    /** For each descriptor of {@code a}, its nearest of {@code b} when within the matcher's distance, else -1. */
    private static int[] nearest(RegionDescriptors a, RegionDescriptors b) {
        int[] nearest = new int[a.size()];
        for (int k = 0; k < a.size(); k++) {
            float best = Float.MAX_VALUE;
            nearest[k] = -1;
            for (int j = 0; j < b.size(); j++) {
                float d = a.distance(k, b, j, RegionMetric.HAND_SET);
                if (d < best && d <= RegionMetric.HAND_SET.maxDistance()) {
                    best = d;
                    nearest[k] = j;
                }
            }
        }
        return nearest;
    }

    /** The color a hint decided for the part's largest hinted region, or {@link FlatFill#KEEP_PREDICTION}. */
    private static int hintColor(List<int[]> part, List<FlatFill.RegionFlats> pages, List<RegionDescriptors> descriptors) {
        int decided = FlatFill.KEEP_PREDICTION;
        int decidedArea = -1;
        for (int[] member : part) {
            RegionDescriptors d = descriptors.get(member[0]);
            int label = d.labels()[member[1]];
            int hint = pages.get(member[0]).decided()[label];
            if (hint != FlatFill.KEEP_PREDICTION && d.areas()[member[1]] > decidedArea) {
                decided = hint;
                decidedArea = d.areas()[member[1]];
            }
        }
        return decided;
    }

    /** The part's area-weighted medoid color: one of its regions' colors, closest to all of the others. */
    private static int medoidColor(List<int[]> part, List<FlatFill.RegionFlats> pages,
            List<RegionDescriptors> descriptors) {
        int[] colors = new int[part.size()];
        int[] areas = new int[part.size()];
        for (int m = 0; m < part.size(); m++) {
            RegionDescriptors d = descriptors.get(part.get(m)[0]);
            colors[m] = pages.get(part.get(m)[0]).colors()[d.labels()[part.get(m)[1]]];
            areas[m] = d.areas()[part.get(m)[1]];
        }
        int best = colors[0];
        double bestCost = Double.MAX_VALUE;
        for (int m = 0; m < colors.length; m++) {
            double cost = 0;
            for (int o = 0; o < colors.length; o++) {
                cost += (double) areas[o] * ReferenceMatcher.rgbDistance(colors[m], colors[o]);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = colors[m];
            }
        }
        return best;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
