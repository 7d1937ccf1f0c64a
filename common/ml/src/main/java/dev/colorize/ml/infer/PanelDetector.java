package dev.colorize.ml.infer;

import dev.colorize.ml.data.OpenCvNative;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Finds the panels (drawn frames) of a manga page.
 *
 * <p>How: the ink (gray &lt; 128) is split into 8-connected components. A component whose bounding
 * box is panel-sized and whose ink runs along (almost) the whole border of that box is a frame.
 * Frames drawn with a shared border (a grid of panels without gutters) form one component: such a
 * box is cut along its full-length inner ink lines (a recursive XY cut), so each cell becomes a
 * panel. A frame nested inside another is an inset drawing box and is dropped, unless the inner
 * frames fill most of the outer one: then the outer is a page border around the panels and the
 * inner frames are the panels.
 *
 * <p>Returned rectangles are the <b>frame boxes</b>: the outer edge of each panel's frame line, the
 * line included. Panels sharing a border both include the shared line, so they overlap by its
 * thickness. Frames are assumed upright; a slanted frame yields its bounding box if it is found.
 *
 * <p>The list is in reading order: rows top to bottom, and within a row, columns in the
 * {@link ReadingOrder} (manga: right to left), and within a column top to bottom (so a tall panel
 * beside two stacked ones comes before or after both, as it is read). An empty list means the page
 * is frameless (no frames, or a single border around the whole page): color the whole page.
 */
public final class PanelDetector {

    /** Direction in which the panels of one row are read. */
    public enum ReadingOrder {
        /** Manga: right to left within a row. */
        RIGHT_TO_LEFT,
        /** Comics, webtoons, most manhua: left to right within a row. */
        LEFT_TO_RIGHT
    }

    /** Gray below this is ink: frame lines are solid black, paper and light tones are not. */
    static final int INK_THRESHOLD = 128;
    /** A panel is at least this share of the page area; smaller boxes are captions, insets, sound-effect boxes. */
    static final double MIN_PANEL_AREA = 0.03;
    /** Each side of a panel is at least this share of the page's side; keeps thin boxes and rules out. */
    static final double MIN_PANEL_SIDE = 0.08;
    /**
     * Depth of the band along a box edge in which the frame line is looked for, as a share of the
     * page's shorter side (at least {@link #MIN_EDGE_BAND_PX}): holds the line's thickness and a
     * slight skew of a scan.
     */
    static final double EDGE_BAND = 0.012;
    static final int MIN_EDGE_BAND_PX = 3;
    /** Share of the box perimeter whose band holds ink of the component: frames ~1.0; circles and blobs far less. */
    static final double MIN_FRAME_COVERAGE = 0.7;
    /** A panel is mostly paper: a solid black shape touching all four sides of its box is not a frame. */
    static final double MAX_INTERIOR_INK = 0.6;
    /** A row (column) of a frame box that is at least this much ink is a frame line shared by two panels. */
    static final double MIN_CUT_COVERAGE = 0.9;
    /** A shared frame line is at most this thick (share of the page's shorter side); thicker bands of ink are black fills. */
    static final double MAX_CUT_THICKNESS = 0.03;
    /** A frame whose inner frames fill at least this share of it is a page border around panels, not a panel. */
    static final double CONTAINER_FILL = 0.5;
    /** If panels cover less of the page than this, they are incidental boxes in a frameless page. */
    static final double MIN_PAGE_COVERAGE = 0.3;
    /** A lone panel at least this large is a border around the whole page: the page is frameless. */
    static final double WHOLE_PAGE = 0.85;
    /** Panels are in the same row (column) when their vertical (horizontal) spans overlap by this share of the shorter span. */
    static final double SAME_LINE_OVERLAP = 0.5;
    /** Pixels a box may stick out of another and still count as inside it (the frame line's antialiasing, skew). */
    static final int NEST_SLACK_PX = 3;
    /** Recursion guard of the XY cut; real pages need 3-4 levels. */
    static final int MAX_CUT_DEPTH = 12;

    private final ReadingOrder order;

    /** Manga reading order (right to left within a row). */
    public PanelDetector() {
        this(ReadingOrder.RIGHT_TO_LEFT);
    }

    public PanelDetector(ReadingOrder order) {
        this.order = order;
    }

    /**
     * The panels of {@code page} (8-bit gray, black lines on white; 3-channel BGR is converted) as
     * frame boxes in reading order, or an empty list when the page is frameless.
     */
    public List<Rect> detect(Mat page) {
        OpenCvNative.ensureLoaded();
        Page p = new Page(Compositing.gray(page));
        List<Rect> frames = new ArrayList<>();
        for (int label = 1; label < p.componentCount; label++) {
            Rect box = p.box(label);
            if (p.isPanelSized(box) && p.isFrame(label, box)) {
                p.cut(label, box, 0, frames);
            }
        }
        List<Rect> panels = outermostPanels(frames);
        if (isFrameless(panels, p.width, p.height)) {
            return List.of();
        }
        return readingOrder(panels, order);
    }


    /** The ink components of a page and the frame tests on them. */
    private static final class Page {
        final int width;
        final int height;
        final int componentCount;
        final int[] labels;
        final int[] stats;
        final int band;
        final int maxCut;

        Page(Mat gray) {
            width = gray.cols();
            height = gray.rows();
            Mat ink = new Mat();
            Imgproc.threshold(gray, ink, INK_THRESHOLD - 1, 255, Imgproc.THRESH_BINARY_INV);
            Mat labelMat = new Mat();
            Mat statMat = new Mat();
            componentCount = Imgproc.connectedComponentsWithStats(ink, labelMat, statMat, new Mat(), 8, CvType.CV_32S);
            labels = new int[width * height];
            labelMat.get(0, 0, labels);
            stats = new int[componentCount * Imgproc.CC_STAT_MAX];
            statMat.get(0, 0, stats);
            int shorter = Math.min(width, height);
            band = Math.max(MIN_EDGE_BAND_PX, (int) Math.round(EDGE_BAND * shorter));
            maxCut = Math.max(band, (int) Math.round(MAX_CUT_THICKNESS * shorter));
        }

        Rect box(int label) {
            int s = label * Imgproc.CC_STAT_MAX;
            return new Rect(stats[s + Imgproc.CC_STAT_LEFT], stats[s + Imgproc.CC_STAT_TOP],
                    stats[s + Imgproc.CC_STAT_WIDTH], stats[s + Imgproc.CC_STAT_HEIGHT]);
        }

        boolean isPanelSized(Rect box) {
            return box.area() >= MIN_PANEL_AREA * width * height
                    && box.width >= MIN_PANEL_SIDE * width
                    && box.height >= MIN_PANEL_SIDE * height;
        }

        /** Ink of {@code label} runs along the box's border and leaves its inside mostly paper. */
        boolean isFrame(int label, Rect box) {
            int b = Math.min(band, Math.min(box.width, box.height) / 4);
            int covered = 0;
            for (int x = box.x; x < box.x + box.width; x++) {
                covered += anyIn(label, x, x + 1, box.y, box.y + b) ? 1 : 0;
                covered += anyIn(label, x, x + 1, box.y + box.height - b, box.y + box.height) ? 1 : 0;
            }
            for (int y = box.y; y < box.y + box.height; y++) {
                covered += anyIn(label, box.x, box.x + b, y, y + 1) ? 1 : 0;
                covered += anyIn(label, box.x + box.width - b, box.x + box.width, y, y + 1) ? 1 : 0;
            }
            if (covered < MIN_FRAME_COVERAGE * 2 * (box.width + box.height)) {
                return false;
            }
            int inside = 0;
            int inkInside = 0;
            for (int y = box.y + b; y < box.y + box.height - b; y++) {
                for (int x = box.x + b; x < box.x + box.width - b; x++) {
                    inside++;
                    inkInside += labels[y * width + x] == label ? 1 : 0;
                }
            }
            return inkInside <= MAX_INTERIOR_INK * inside;
        }

        private boolean anyIn(int label, int x0, int x1, int y0, int y1) {
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    if (labels[y * width + x] == label) {
                        return true;
                    }
                }
            }
            return false;
        }

        /**
         * Adds the panels of frame box {@code box} to {@code out}: the box itself, or, if full-length
         * ink lines of the same component cross it, the cells between them (recursively).
         */
        void cut(int label, Rect box, int depth, List<Rect> out) {
            if (depth < MAX_CUT_DEPTH) {
                List<Rect> rows = split(label, box, true);
                List<Rect> pieces = rows.size() > 1 ? rows : split(label, box, false);
                if (pieces.size() > 1) {
                    for (Rect piece : pieces) {
                        cut(label, piece, depth + 1, out);
                    }
                    return;
                }
            }
            out.add(box);
        }

        /**
         * The box cut along its shared frame lines that run across it ({@code horizontal}: lines
         * along x, cutting it into rows). Each piece includes the lines on its edges. A line is
         * used only if both sides are still panel-sized.
         */
        private List<Rect> split(int label, Rect box, boolean horizontal) {
            int start = horizontal ? box.y : box.x;
            int end = start + (horizontal ? box.height : box.width); // exclusive
            int across = horizontal ? box.width : box.height;
            int minSide = (int) Math.ceil(MIN_PANEL_SIDE * (horizontal ? height : width));
            List<Rect> pieces = new ArrayList<>();
            int pieceStart = start;
            int lineStart = -1;
            for (int i = start + band; i <= end - band; i++) {
                boolean line = i < end - band && inkShare(label, box, i, horizontal) >= MIN_CUT_COVERAGE;
                if (line && lineStart < 0) {
                    lineStart = i;
                } else if (!line && lineStart >= 0) {
                    int lineEnd = i; // exclusive
                    boolean thin = lineEnd - lineStart <= maxCut;
                    if (thin && lineEnd - pieceStart >= minSide && end - lineStart >= minSide) {
                        pieces.add(slice(box, pieceStart, lineEnd, horizontal));
                        pieceStart = lineStart;
                    }
                    lineStart = -1;
                }
            }
            if (pieces.isEmpty()) {
                return List.of(box);
            }
            pieces.add(slice(box, pieceStart, end, horizontal));
            return pieces;
        }

        private double inkShare(int label, Rect box, int i, boolean horizontal) {
            int ink = 0;
            if (horizontal) {
                int row = i * width;
                for (int x = box.x; x < box.x + box.width; x++) {
                    ink += labels[row + x] == label ? 1 : 0;
                }
                return ink / (double) box.width;
            }
            for (int y = box.y; y < box.y + box.height; y++) {
                ink += labels[y * width + i] == label ? 1 : 0;
            }
            return ink / (double) box.height;
        }

        private static Rect slice(Rect box, int from, int to, boolean horizontal) {
            return horizontal ? new Rect(box.x, from, box.width, to - from) : new Rect(from, box.y, to - from, box.height);
        }
    }

    /**
     * Frames with no frame around them, except that a frame whose inner frames fill
     * {@link #CONTAINER_FILL} of it gives way to them (a border around the page's panels).
     */
    static List<Rect> outermostPanels(List<Rect> frames) {
        List<Rect> panels = new ArrayList<>();
        for (Rect frame : frames) {
            if (parent(frame, frames) == null) {
                panels.addAll(resolve(frame, frames));
            }
        }
        return panels;
    }

    private static List<Rect> resolve(Rect frame, List<Rect> frames) {
        List<Rect> children = new ArrayList<>();
        double childArea = 0;
        for (Rect other : frames) {
            if (other != frame && parent(other, frames) == frame) {
                children.add(other);
                childArea += other.area();
            }
        }
        if (children.isEmpty() || childArea < CONTAINER_FILL * frame.area()) {
            return List.of(frame);
        }
        List<Rect> panels = new ArrayList<>();
        for (Rect child : children) {
            panels.addAll(resolve(child, frames));
        }
        return panels;
    }

    /** The smallest other frame that contains {@code frame}, or null. */
    private static Rect parent(Rect frame, List<Rect> frames) {
        Rect best = null;
        for (Rect other : frames) {
            if (other != frame && other.area() > frame.area() && contains(other, frame)
                    && (best == null || other.area() < best.area())) {
                best = other;
            }
        }
        return best;
    }

    private static boolean contains(Rect outer, Rect inner) {
        return inner.x >= outer.x - NEST_SLACK_PX
                && inner.y >= outer.y - NEST_SLACK_PX
                && inner.x + inner.width <= outer.x + outer.width + NEST_SLACK_PX
                && inner.y + inner.height <= outer.y + outer.height + NEST_SLACK_PX;
    }

    private static boolean isFrameless(List<Rect> panels, int width, int height) {
        double page = (double) width * height;
        if (panels.isEmpty() || panels.size() == 1 && panels.get(0).area() >= WHOLE_PAGE * page) {
            return true;
        }
        Mat covered = Mat.zeros(height, width, CvType.CV_8UC1);
        for (Rect panel : panels) {
            covered.submat(panel).setTo(new Scalar(255));
        }
        return Core.countNonZero(covered) < MIN_PAGE_COVERAGE * page;
    }

    /** Rows top to bottom; within a row, columns in {@code order}; within a column, top to bottom. */
    static List<Rect> readingOrder(List<Rect> panels, ReadingOrder order) {
        List<Rect> byTop = new ArrayList<>(panels);
        byTop.sort(Comparator.<Rect>comparingInt(r -> r.y).thenComparingInt(r -> r.x));
        List<Rect> ordered = new ArrayList<>();
        for (List<Rect> row : group(byTop, true)) {
            Comparator<Rect> across = Comparator.comparingDouble(r -> r.x + r.width / 2.0);
            row.sort(order == ReadingOrder.RIGHT_TO_LEFT ? across.reversed() : across);
            for (List<Rect> column : group(row, false)) {
                column.sort(Comparator.comparingInt(r -> r.y));
                ordered.addAll(column);
            }
        }
        return ordered;
    }

    /**
     * Consecutive runs of {@code sorted} whose spans (y if {@code rows}, else x) overlap the run's
     * span so far by {@link #SAME_LINE_OVERLAP} of the shorter of the two.
     */
    private static List<List<Rect>> group(List<Rect> sorted, boolean rows) {
        List<List<Rect>> groups = new ArrayList<>();
        List<Rect> current = null;
        int lo = 0;
        int hi = 0;
        for (Rect r : sorted) {
            int a = rows ? r.y : r.x;
            int extent = rows ? r.height : r.width;
            int overlap = Math.min(hi, a + extent) - Math.max(lo, a);
            if (current == null || overlap < SAME_LINE_OVERLAP * Math.min(extent, hi - lo)) {
                current = new ArrayList<>();
                groups.add(current);
                lo = a;
                hi = a + extent;
            } else {
                lo = Math.min(lo, a);
                hi = Math.max(hi, a + extent);
            }
            current.add(r);
        }
        return groups;
    }
}
