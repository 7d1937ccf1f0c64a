package dev.colorize.ml.infer;

import dev.colorize.ml.data.OpenCvNative;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** Synthetic gray manga pages: frames with known boxes, and drawings that are not frames. */
final class MangaPages {

    static final Scalar INK = new Scalar(0);
    static final Scalar PAPER = new Scalar(255);
    static final int FRAME_PX = 4;

    private MangaPages() {}

    static Mat blank(int width, int height) {
        OpenCvNative.ensureLoaded();
        return new Mat(height, width, CvType.CV_8UC1, PAPER);
    }

    /** A frame whose outer edge is exactly {@code box}, {@code thickness} px of ink inward. */
    static void frame(Mat page, Rect box, int thickness) {
        page.submat(box).setTo(INK);
        page.submat(new Rect(box.x + thickness, box.y + thickness, box.width - 2 * thickness, box.height - 2 * thickness))
                .setTo(PAPER);
    }

    /** Frames of a rows x cols grid inside the page margin, with gutters; row-major, left to right. */
    static List<Rect> grid(int width, int height, int cols, int rows, int margin, int gutter) {
        int cellW = (width - 2 * margin - (cols - 1) * gutter) / cols;
        int cellH = (height - 2 * margin - (rows - 1) * gutter) / rows;
        List<Rect> boxes = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                boxes.add(new Rect(margin + c * (cellW + gutter), margin + r * (cellH + gutter), cellW, cellH));
            }
        }
        return boxes;
    }

    /**
     * Drawings inside {@code box}: circles, a scribble, text-like strokes, and a speed line that
     * runs into the frame line (so it joins the frame's ink).
     */
    static void drawInside(Mat page, Rect box, Random random) {
        int cx = box.x + box.width / 2;
        int cy = box.y + box.height / 2;
        int r = Math.min(box.width, box.height) / 4;
        Imgproc.circle(page, new Point(cx, cy), r, INK, 3);
        Imgproc.circle(page, new Point(cx - r / 3.0, cy - r / 4.0), r / 5, INK, -1);
        List<Point> scribble = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            scribble.add(new Point(box.x + box.width * (0.15 + 0.7 * random.nextDouble()),
                    box.y + box.height * (0.15 + 0.7 * random.nextDouble())));
        }
        Imgproc.polylines(page, List.of(new MatOfPoint(scribble.toArray(new Point[0]))), false, INK, 2);
        for (int col = 0; col < 4; col++) {
            for (int ch = 0; ch < 6; ch++) {
                int x = box.x + box.width - 30 - col * 14;
                int y = box.y + 20 + ch * 14;
                Imgproc.line(page, new Point(x, y), new Point(x + 8, y + 8), INK, 2);
                Imgproc.line(page, new Point(x + 8, y), new Point(x, y + 9), INK, 1);
            }
        }
        Imgproc.line(page, new Point(cx, cy + r), new Point(box.x, box.y + box.height - 10), INK, 2);
    }

    /** Drawings without any frame: big circles, long scribbles, text, a filled silhouette. */
    static Mat frameless(int width, int height, Random random) {
        Mat page = blank(width, height);
        Imgproc.circle(page, new Point(width * 0.5, height * 0.4), width / 3, INK, 4);
        Imgproc.ellipse(page, new Point(width * 0.4, height * 0.75), new org.opencv.core.Size(width / 3.0, height / 8.0),
                20, 0, 360, INK, 3);
        List<Point> scribble = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            scribble.add(new Point(width * random.nextDouble(), height * random.nextDouble()));
        }
        Imgproc.polylines(page, List.of(new MatOfPoint(scribble.toArray(new Point[0]))), false, INK, 2);
        Imgproc.fillPoly(page, List.of(new MatOfPoint(new Point(100, 900), new Point(300, 700), new Point(350, 1000))), INK);
        Imgproc.putText(page, "DOKI DOKI", new Point(width * 0.1, height * 0.1), Imgproc.FONT_HERSHEY_SIMPLEX, 2, INK, 4);
        return page;
    }
}
