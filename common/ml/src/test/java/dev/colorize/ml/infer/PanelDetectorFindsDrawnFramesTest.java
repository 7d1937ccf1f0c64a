package dev.colorize.ml.infer;

import static dev.colorize.ml.infer.MangaPages.FRAME_PX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.junit.jupiter.api.Test;

class PanelDetectorFindsDrawnFramesTest {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 1100;
    /** Detected boxes may differ from the drawn ones by this many px per edge. */
    private static final int TOLERANCE_PX = 3;

    static void assertSameBoxes(List<Rect> detected, List<Rect> expected) {
        assertThat(detected).as("detected %s, expected %s", detected, expected).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Rect d = detected.get(i);
            Rect e = expected.get(i);
            assertThat(new int[] {d.x, d.y, d.x + d.width, d.y + d.height})
                    .as("panel %d: detected %s, expected %s (all: %s)", i, d, e, detected)
                    .satisfies(edges -> {
                        int[] want = {e.x, e.y, e.x + e.width, e.y + e.height};
                        for (int k = 0; k < 4; k++) {
                            assertThat(Math.abs(edges[k] - want[k])).isLessThanOrEqualTo(TOLERANCE_PX);
                        }
                    });
        }
    }

    /** 2 columns x 3 rows of separate frames with drawings in them; boxes row-major, left to right. */
    private static Mat gridPage(List<Rect> boxes) {
        Mat page = MangaPages.blank(WIDTH, HEIGHT);
        Random random = new Random(7);
        for (Rect box : boxes) {
            MangaPages.frame(page, box, FRAME_PX);
            MangaPages.drawInside(page, box, random);
        }
        return page;
    }

    @Test
    void aGridOfFramesComesBackAsItsBoxesRowsTopToBottomRightToLeft() {
        List<Rect> boxes = MangaPages.grid(WIDTH, HEIGHT, 2, 3, 40, 20);
        List<Rect> panels = new PanelDetector().detect(gridPage(boxes));
        // manga: right panel of each row first
        assertSameBoxes(panels, List.of(boxes.get(1), boxes.get(0), boxes.get(3), boxes.get(2), boxes.get(5), boxes.get(4)));
    }

    @Test
    void leftToRightOrderReadsEachRowFromTheLeft() {
        List<Rect> boxes = MangaPages.grid(WIDTH, HEIGHT, 2, 3, 40, 20);
        List<Rect> panels = new PanelDetector(PanelDetector.ReadingOrder.LEFT_TO_RIGHT).detect(gridPage(boxes));
        assertSameBoxes(panels, boxes);
    }

    @Test
    void framesSharingTheirBordersAreCutApartIncludingTheSharedLine() {
        // One outer frame; a full-width line makes three rows; row 2 has one vertical line, row 3 two.
        Mat page = MangaPages.blank(WIDTH, HEIGHT);
        Rect outer = new Rect(40, 40, 720, 1020);
        MangaPages.frame(page, outer, FRAME_PX);
        int y1 = 380;
        int y2 = 720;
        int right = outer.x + outer.width;
        int bottom = outer.y + outer.height;
        page.submat(new Rect(outer.x, y1, outer.width, FRAME_PX)).setTo(MangaPages.INK);
        page.submat(new Rect(outer.x, y2, outer.width, FRAME_PX)).setTo(MangaPages.INK);
        int xMid = 460;
        page.submat(new Rect(xMid, y1, FRAME_PX, y2 - y1)).setTo(MangaPages.INK);
        int xA = 280;
        int xB = 520;
        page.submat(new Rect(xA, y2, FRAME_PX, bottom - y2)).setTo(MangaPages.INK);
        page.submat(new Rect(xB, y2, FRAME_PX, bottom - y2)).setTo(MangaPages.INK);
        List<Rect> expected = List.of(
                new Rect(outer.x, outer.y, outer.width, y1 + FRAME_PX - outer.y),
                new Rect(xMid, y1, right - xMid, y2 + FRAME_PX - y1),
                new Rect(outer.x, y1, xMid + FRAME_PX - outer.x, y2 + FRAME_PX - y1),
                new Rect(xB, y2, right - xB, bottom - y2),
                new Rect(xA, y2, xB + FRAME_PX - xA, bottom - y2),
                new Rect(outer.x, y2, xA + FRAME_PX - outer.x, bottom - y2));
        Random random = new Random(11);
        for (Rect box : expected) {
            MangaPages.drawInside(page, box, random);
        }
        assertSameBoxes(new PanelDetector().detect(page), expected);
    }

    @Test
    void aTallPanelBesideTwoStackedOnesIsReadBeforeThem() {
        Mat page = MangaPages.blank(WIDTH, HEIGHT);
        Rect tall = new Rect(420, 40, 340, 1020);
        Rect top = new Rect(40, 40, 360, 500);
        Rect below = new Rect(40, 560, 360, 500);
        Random random = new Random(3);
        for (Rect box : List.of(tall, top, below)) {
            MangaPages.frame(page, box, FRAME_PX);
            MangaPages.drawInside(page, box, random);
        }
        assertSameBoxes(new PanelDetector().detect(page), List.of(tall, top, below));
    }
}
