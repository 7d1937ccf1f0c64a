package dev.colorize.ml.infer;

import static dev.colorize.ml.infer.MangaPages.FRAME_PX;
import static dev.colorize.ml.infer.MangaPages.INK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.imgproc.Imgproc;

class SmallFiguresAreColoredAtTheWorkingScaleTest {

    private static final Rect PANEL = new Rect(40, 40, 700, 500);
    private static final int WORKING = 128;
    /** The panel letterboxed whole at the working resolution. */
    private static final double PANEL_SCALE = (double) WORKING / PANEL.width;

    /** A framed panel with a head-sized circle figure of radius {@code r} at (cx, cy), plus a speck of dust. */
    private static Mat panelWithFigure(int cx, int cy, int r) {
        Mat page = MangaPages.blank(800, 600);
        MangaPages.frame(page, PANEL, FRAME_PX);
        Imgproc.circle(page, new Point(cx, cy), r, INK, 2);
        Imgproc.line(page, new Point(cx, cy + r), new Point(cx, cy + 2 * r), INK, 2);
        Imgproc.circle(page, new Point(700, 80), 0, INK, -1); // one dark pixel: dust, not drawing
        return page;
    }

    @Test
    void aSmallFigureInALargePanelGoesToTheNetworkAsItsBoxWithAMarginLeavingOutFrameAndDust() {
        Mat page = panelWithFigure(200, 300, 30);
        Rect input = PanelContent.input(page, PANEL, true, PANEL_SCALE, WORKING, 1.5);
        // the figure spans x 170-230, y 270-360; the margin is 6 % of its long side, at least 4 px
        assertThat(input.x).isBetween(160, 170);
        assertThat(input.y).isBetween(260, 270);
        assertThat(input.x + input.width).isBetween(231, 241);
        assertThat(input.y + input.height).isBetween(361, 371);
    }

    @Test
    void aFigureFillingItsPanelKeepsThePanelWhole() {
        Mat page = panelWithFigure(390, 200, 150);
        Rect input = PanelContent.input(page, PANEL, true, PANEL_SCALE, WORKING, 1.5);
        assertThat(input).isSameAs(PANEL);
    }

    @Test
    void anEmptyPanelAndAZoomBelowTheThresholdKeepThePanelWhole() {
        Mat empty = MangaPages.blank(800, 600);
        MangaPages.frame(empty, PANEL, FRAME_PX);
        assertThat(PanelContent.input(empty, PANEL, true, PANEL_SCALE, WORKING, 1.5)).isSameAs(PANEL);
        // the figure is shown about 6.7 times larger cropped: a minimum zoom of 8 is not reached
        Mat page = panelWithFigure(200, 300, 30);
        assertThat(PanelContent.input(page, PANEL, true, PANEL_SCALE, WORKING, 8)).isSameAs(PANEL);
    }

    @Test
    void aSmallFigureInAStripPanelIsCroppedWhenItGainsOverTheStripsTiles() {
        Rect strip = new Rect(40, 40, 700, 200);
        Mat page = MangaPages.blank(800, 300);
        MangaPages.frame(page, strip, FRAME_PX);
        Imgproc.circle(page, new Point(150, 110), 20, INK, 2);
        // tiles show the strip at 128 / 200 px per page px; the 48 px box letterboxed at 128 is 4 times larger
        Rect input = PanelContent.input(page, strip, true, (double) WORKING / strip.height, WORKING, 1.5);
        assertThat(input.width).isBetween(40, 60);
        assertThat(input.height).isBetween(40, 60);
    }

    @Test
    void aFramelessPageColoredAtTwiceTheResolutionIsCroppedOnlyWhenTheFigureGainsTheZoom() {
        Mat page = MangaPages.blank(800, 600);
        Imgproc.circle(page, new Point(400, 300), 30, INK, 2);
        Rect whole = new Rect(0, 0, 800, 600);
        // whole page at 256 px: 0.32 px per page px; the 68 px box at 128 px: 1.9 px per page px
        assertThat(PanelContent.input(page, whole, false, 2.0 * WORKING / 800, WORKING, 1.5)).isNotSameAs(whole);
        Imgproc.circle(page, new Point(400, 300), 250, INK, 2);
        assertThat(PanelContent.input(page, whole, false, 2.0 * WORKING / 800, WORKING, 1.5)).isSameAs(whole);
    }
}
