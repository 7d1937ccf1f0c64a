package dev.colorize.ml.infer;

import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

/**
 * Where a panel's drawing lies, so a small figure in a large panel is colored at the scale the network learned
 * (a drawing filling its input) instead of a few dozen pixels of a letterboxed panel. The box is the ink's
 * bounding box inside the panel's frame, grown by a margin; specks under a minimum size do not count.
 */
final class PanelContent {

    /** Gray below this is drawn: lines, solid blacks and screentones; paper and its grain are not. */
    private static final int INK = 160;
    /** A row or column of the panel's edge that is at least this much ink is its frame line. */
    private static final double FRAME_ROW = 0.5;
    /** The frame is looked for in at most this share of the panel's side from each edge. */
    private static final double FRAME_DEPTH = 0.08;
    /** Pixels skipped past the frame: its antialiased inner edge. */
    private static final int FRAME_EDGE = 2;
    /** Ink components smaller than this share of the interior (at least {@link #MIN_SPECK} px) are dust. */
    private static final double SPECK = 1e-4;
    private static final int MIN_SPECK = 4;
    /** The drawing's box is grown by this share of its long side (at least {@link #MIN_MARGIN} px) on each side. */
    private static final double MARGIN = 0.06;
    private static final int MIN_MARGIN = 4;

    private PanelContent() {}

    /**
     * What of {@code whole} (a panel or a frameless page, shown to the network at {@code wholeScale} input pixels per
     * page pixel when colored whole) goes to the network: its drawing's box, letterboxed at {@code workingSize}, when
     * that shows the drawing at least {@code minZoom} times larger; else {@code whole} itself (the same instance).
     */
    static Rect input(Mat gray, Rect whole, boolean framed, double wholeScale, int workingSize, double minZoom) {
        Rect content = of(gray, whole, framed);
        double zoom = (double) workingSize / Math.max(content.width, content.height) / wholeScale;
        return zoom >= minZoom ? content : whole;
    }

    /**
     * The drawing's box in {@code panel} (page coordinates), or {@code panel} itself when it holds no ink.
     *
     * @param framed whether the panel's edges carry a frame line to leave out (a detected panel's frame box)
     */
    static Rect of(Mat gray, Rect panel, boolean framed) {
        Rect inside = framed ? insideFrame(gray, panel) : panel;
        if (inside.width <= 0 || inside.height <= 0) {
            return panel;
        }
        Mat ink = new Mat();
        Mat labels = new Mat();
        Mat stats = new Mat();
        Mat centroids = new Mat();
        try {
            Mat view = gray.submat(inside);
            Imgproc.threshold(view, ink, INK - 1, 255, Imgproc.THRESH_BINARY_INV);
            view.release();
            int count = Imgproc.connectedComponentsWithStats(ink, labels, stats, centroids, 8);
            int minArea = Math.max(MIN_SPECK, (int) Math.round(SPECK * inside.area()));
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = -1;
            int y1 = -1;
            for (int c = 1; c < count; c++) {
                if (stats.get(c, Imgproc.CC_STAT_AREA)[0] < minArea) {
                    continue;
                }
                int x = (int) stats.get(c, Imgproc.CC_STAT_LEFT)[0];
                int y = (int) stats.get(c, Imgproc.CC_STAT_TOP)[0];
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x + (int) stats.get(c, Imgproc.CC_STAT_WIDTH)[0]);
                y1 = Math.max(y1, y + (int) stats.get(c, Imgproc.CC_STAT_HEIGHT)[0]);
            }
            if (x1 < 0) {
                return panel;
            }
            int margin = Math.max(MIN_MARGIN, (int) Math.round(MARGIN * Math.max(x1 - x0, y1 - y0)));
            int left = Math.max(panel.x, inside.x + x0 - margin);
            int top = Math.max(panel.y, inside.y + y0 - margin);
            int right = Math.min(panel.x + panel.width, inside.x + x1 + margin);
            int bottom = Math.min(panel.y + panel.height, inside.y + y1 + margin);
            return new Rect(left, top, right - left, bottom - top);
        } finally {
            ink.release();
            labels.release();
            stats.release();
            centroids.release();
        }
    }

    /** The panel less its frame line on each side (rows and columns of the edge that are mostly ink). */
    private static Rect insideFrame(Mat gray, Rect panel) {
        Mat view = gray.submat(panel);
        Mat ink = new Mat();
        Imgproc.threshold(view, ink, INK - 1, 1, Imgproc.THRESH_BINARY_INV);
        view.release();
        Mat rows = new Mat();
        Mat cols = new Mat();
        Core.reduce(ink, rows, 1, Core.REDUCE_SUM, CvType.CV_32S);
        Core.reduce(ink, cols, 0, Core.REDUCE_SUM, CvType.CV_32S);
        ink.release();
        int depthY = Math.max(1, (int) Math.round(FRAME_DEPTH * panel.height));
        int depthX = Math.max(1, (int) Math.round(FRAME_DEPTH * panel.width));
        int top = frameDepth(rows, panel.width, depthY, false);
        int bottom = frameDepth(rows, panel.width, depthY, true);
        int left = frameDepth(cols, panel.height, depthX, false);
        int right = frameDepth(cols, panel.height, depthX, true);
        rows.release();
        cols.release();
        int x = panel.x + left + FRAME_EDGE;
        int y = panel.y + top + FRAME_EDGE;
        return new Rect(x, y, panel.x + panel.width - right - FRAME_EDGE - x,
                panel.y + panel.height - bottom - FRAME_EDGE - y);
    }

    /** How many lines from one end of {@code sums} (ink per row or column) are frame: at least half ink. */
    private static int frameDepth(Mat sums, int length, int maxDepth, boolean fromEnd) {
        int n = (int) sums.total();
        int depth = 0;
        while (depth < maxDepth) {
            int i = fromEnd ? n - 1 - depth : depth;
            int[] v = new int[1];
            sums.get(sums.rows() == 1 ? 0 : i, sums.rows() == 1 ? i : 0, v);
            if (v[0] < FRAME_ROW * length) {
                break;
            }
            depth++;
        }
        return depth;
    }
}
