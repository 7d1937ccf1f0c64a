package dev.colorize.ml.infer;

import static dev.colorize.ml.infer.MangaPages.FRAME_PX;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

class PanelDetectorTreatsFramelessPagesAsEmptyTest {

    @Test
    void aPageOfDrawingsWithoutFramesHasNoPanels() {
        for (int seed = 0; seed < 5; seed++) {
            Mat page = MangaPages.frameless(800, 1100, new Random(seed));
            assertThat(new PanelDetector().detect(page)).as("seed %d", seed).isEmpty();
        }
    }

    @Test
    void aSingleBorderAroundTheWholePageIsNotAPanelLayout() {
        Mat page = MangaPages.frameless(800, 1100, new Random(1));
        MangaPages.frame(page, new Rect(20, 20, 760, 1060), FRAME_PX);
        assertThat(new PanelDetector().detect(page)).isEmpty();
    }

    @Test
    void aBlankPageHasNoPanels() {
        assertThat(new PanelDetector().detect(MangaPages.blank(800, 1100))).isEmpty();
    }
}
