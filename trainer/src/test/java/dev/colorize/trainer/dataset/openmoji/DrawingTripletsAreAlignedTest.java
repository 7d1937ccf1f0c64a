package dev.colorize.trainer.dataset.openmoji;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.Pixels;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import dev.colorize.trainer.dataset.triplet.TripletAlignment;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The three renders of a drawing decompose its composite exactly: color = lines x flats. */
class DrawingTripletsAreAlignedTest {

    private final TripletRenderer renderer = new TripletRenderer();
    private final SvgRasterizer rasterizer = new SvgRasterizer();

    @Test
    void compositeIsLinesTimesFlats() throws IOException {
        for (String hex : OpenMojiFixture.KEPT) {
            DrawingTriplet t = renderer.render(OpenMojiFixture.drawing(hex).colorSvg(), 256, 256);
            assertThat(TripletAlignment.meanAbsoluteError(t)).as(hex).isLessThan(0.1);
            assertThat(TripletAlignment.mismatchedFraction(t, 24)).as(hex).isLessThan(0.0005);
            assertThat(TripletFilter.standard().byPixels(t)).as(hex).isEmpty();
        }
    }

    @Test
    void linesAreDarkWhereTheCompositeHasLines() throws IOException {
        for (String hex : OpenMojiFixture.KEPT) {
            DrawingTriplet t = renderer.render(OpenMojiFixture.drawing(hex).colorSvg(), 256, 256);
            int black = 0;
            int blackAndDarkInLines = 0;
            int darkLines = 0;
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    int line = Pixels.gray(t.lines(), x, y);
                    if (maxChannel(t.color().getRGB(x, y)) < 40) {
                        black++;
                        blackAndDarkInLines += line < Pixels.DARK ? 1 : 0;
                    }
                    darkLines += line < Pixels.DARK ? 1 : 0;
                }
            }
            assertThat(black).as(hex).isGreaterThan(256 * 256 / 100);
            assertThat(blackAndDarkInLines).as(hex + ": black composite pixels that are line pixels").isEqualTo(black);
            assertThat(darkLines).as(hex + ": dark line pixels").isGreaterThan(256 * 256 / 200);
        }
    }

    @Test
    void flatsHoldNoBlackLines() throws IOException {
        for (String hex : OpenMojiFixture.KEPT) {
            DrawingTriplet t = renderer.render(OpenMojiFixture.drawing(hex).colorSvg(), 256, 256);
            int black = 0;
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 256; x++) {
                    black += maxChannel(t.flats().getRGB(x, y)) < 40 ? 1 : 0;
                }
            }
            assertThat(black).as(hex + ": black pixels in the flats").isLessThan(10);
            assertThat(TripletFilter.nonWhiteFraction(t)).as(hex).isGreaterThan(0.03);
        }
    }

    @Test
    void linesAreTheBlackEditionWithoutItsLineSupplement() throws IOException {
        for (String hex : OpenMojiFixture.KEPT) {
            OpenMojiDrawing d = OpenMojiFixture.drawing(hex);
            BufferedImage lines = Pixels.grayOnWhite(rasterizer.render(d.colorSvg(), SvgLayer.LINES::strip, 128, 128));
            BufferedImage black = Pixels.grayOnWhite(rasterizer.render(d.blackSvg(), SvgLayer.COLOR::strip, 128, 128));
            int differ = 0;
            for (int y = 0; y < 128; y++) {
                for (int x = 0; x < 128; x++) {
                    differ += Math.abs(Pixels.gray(lines, x, y) - Pixels.gray(black, x, y)) > 64 ? 1 : 0;
                }
            }
            if (hex.equals(OpenMojiFixture.LINE_SUPPLEMENT)) {
                // black/svg adds the black fills that the composite paints over: not line art of the composite
                assertThat(differ).as(hex).isGreaterThan(100);
            } else {
                assertThat(differ).as(hex).isZero();
            }
        }
    }

    @Test
    void paintOverTheLinesIsRejectedAsNotSeparable() throws IOException {
        DrawingTriplet t = renderer.render(OpenMojiFixture.drawing(OpenMojiFixture.PAINT_OVER_LINES).colorSvg(), 256, 256);
        assertThat(TripletAlignment.meanAbsoluteError(t)).isGreaterThan(1.0);
        assertThat(TripletFilter.standard().byPixels(t)).contains(TripletFilter.NOT_SEPARABLE);
    }

    @Test
    void rendersAtAnySize() throws IOException {
        DrawingTriplet t = renderer.render(OpenMojiFixture.drawing("1F600").colorSvg(), 100, 100);
        assertThat(t.lines().getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(t.lines().getWidth()).isEqualTo(100);
        assertThat(t.color().getHeight()).isEqualTo(100);
        assertThat(TripletAlignment.meanAbsoluteError(t)).isLessThan(0.1);
    }

    private static int maxChannel(int rgb) {
        return Math.max((rgb >> 16) & 0xFF, Math.max((rgb >> 8) & 0xFF, rgb & 0xFF));
    }
}
