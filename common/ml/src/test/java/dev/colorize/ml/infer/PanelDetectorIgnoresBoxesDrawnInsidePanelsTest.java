package dev.colorize.ml.infer;

import static dev.colorize.ml.infer.MangaPages.FRAME_PX;
import static dev.colorize.ml.infer.PanelDetectorFindsDrawnFramesTest.assertSameBoxes;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class PanelDetectorIgnoresBoxesDrawnInsidePanelsTest {

    @Test
    void anInsetBoxInsideALargePanelIsPartOfThatPanel() {
        Mat page = MangaPages.blank(800, 1100);
        Rect large = new Rect(40, 40, 720, 700);
        Rect small = new Rect(40, 760, 720, 300);
        Rect inset = new Rect(120, 150, 300, 220);
        Random random = new Random(5);
        MangaPages.frame(page, large, FRAME_PX);
        MangaPages.drawInside(page, large, random);
        MangaPages.frame(page, inset, 3);
        MangaPages.frame(page, small, FRAME_PX);
        MangaPages.drawInside(page, small, random);
        assertSameBoxes(new PanelDetector().detect(page), List.of(large, small));
    }

    @Test
    void aBorderAroundThePagesPanelsGivesWayToThePanels() {
        Mat page = MangaPages.blank(800, 1100);
        MangaPages.frame(page, new Rect(15, 15, 770, 1070), 3);
        List<Rect> boxes = MangaPages.grid(800, 1100, 2, 2, 40, 20);
        Random random = new Random(9);
        for (Rect box : boxes) {
            MangaPages.frame(page, box, FRAME_PX);
            MangaPages.drawInside(page, box, random);
        }
        assertSameBoxes(new PanelDetector().detect(page), List.of(boxes.get(1), boxes.get(0), boxes.get(3), boxes.get(2)));
    }
}
