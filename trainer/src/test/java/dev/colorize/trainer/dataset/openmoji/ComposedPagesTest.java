package dev.colorize.trainer.dataset.openmoji;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.Pixels;
import dev.colorize.trainer.dataset.triplet.TripletAlignment;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composed pages: panel frames are line art (lines and composite, never flats) and the triplet stays aligned. */
class ComposedPagesTest {

    private static final int W = OpenMojiImportOptions.PAGE_WIDTH;
    private static final int H = OpenMojiImportOptions.PAGE_HEIGHT;

    @TempDir
    Path dir;

    @Test
    void frameBordersAreInTheLinesAndTheCompositeButNotInTheFlats() throws IOException {
        List<OpenMojiDrawing> pool = keptDrawings();
        PageComposer composer = new PageComposer(new TripletRenderer());
        for (long seed = 1; seed <= 2; seed++) {
            PagePlan plan = PagePlan.random(new Random(seed), pool, W, H);
            DrawingTriplet page = composer.compose(plan);
            PageLayout layout = plan.layout();
            for (Rectangle panel : layout.panels()) {
                Rectangle inside = layout.interior(panel);
                for (int y = panel.y; y < panel.y + panel.height; y++) {
                    for (int x = panel.x; x < panel.x + panel.width; x++) {
                        if (!inside.contains(x, y)) {
                            assertThat(Pixels.gray(page.lines(), x, y)).isZero();
                            assertThat(page.color().getRGB(x, y) & 0xFFFFFF).isZero();
                            assertThat(page.flats().getRGB(x, y) & 0xFFFFFF).isEqualTo(0xFFFFFF);
                        }
                    }
                }
            }
            // the page margin (a gutter) is white in all three
            for (int x = 0; x < W; x++) {
                assertThat(Pixels.gray(page.lines(), x, 5)).isEqualTo(255);
                assertThat(page.color().getRGB(x, H - 5) & 0xFFFFFF).isEqualTo(0xFFFFFF);
            }
            assertThat(TripletAlignment.meanAbsoluteError(page)).isLessThan(0.1);
            assertThat(TripletAlignment.mismatchedFraction(page, 24)).isLessThan(0.0005);
        }
    }

    @Test
    void drawingsAreOnThePage() throws IOException {
        PagePlan plan = PagePlan.random(new Random(3), keptDrawings(), W, H);
        DrawingTriplet page = new PageComposer(new TripletRenderer()).compose(plan);
        assertThat(plan.placements()).hasSizeBetween(plan.layout().panels().size(), 3 * plan.layout().panels().size());
        long painted = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                painted += Pixels.isWhite(page.flats().getRGB(x, y)) ? 0 : 1;
            }
        }
        assertThat(painted).isGreaterThan((long) W * H / 50);
        for (PagePlan.Placement p : plan.placements()) {
            Rectangle panel = plan.layout().panels().stream()
                    .filter(r -> plan.layout().interior(r).contains(new Rectangle(p.x(), p.y(), p.size(), p.size())))
                    .findFirst().orElseThrow();
            int shortSide = Math.min(plan.layout().interior(panel).width, plan.layout().interior(panel).height);
            assertThat(p.size()).isBetween(shortSide / 2 - 1, shortSide);
        }
    }

    @Test
    void layoutsHaveThreeToSixFramedPanelsInRows() {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            PageLayout layout = PageLayout.random(random, W, H);
            assertThat(layout.panels()).hasSizeBetween(3, 6);
            assertThat(layout.gutter()).isBetween(12, 24);
            assertThat(layout.border()).isBetween(3, 5);
            for (Rectangle panel : layout.panels()) {
                assertThat(new Rectangle(0, 0, W, H).contains(panel)).isTrue();
                assertThat(panel.x).isGreaterThanOrEqualTo(layout.gutter());
                assertThat(W - panel.x - panel.width).isGreaterThanOrEqualTo(layout.gutter());
                for (Rectangle other : layout.panels()) {
                    assertThat(panel != other && panel.intersects(other)).isFalse();
                }
            }
        }
    }

    @Test
    void theSameSeedPlansTheSamePages() throws IOException {
        List<OpenMojiDrawing> pool = keptDrawings();
        assertThat(PagePlan.random(new Random(5), pool, W, H)).isEqualTo(PagePlan.random(new Random(5), pool, W, H));
    }

    @Test
    void importedPagesAreAlignedTripletsOfPageSize() throws IOException {
        ImportedDataset data = ImportedDataset.run(OpenMojiFixture.tarball(dir), dir.resolve("out"), 1, 1);
        for (String split : List.of("train", "validation")) {
            Path folder = data.out.resolve("pages").resolve(split);
            BufferedImage lines = ImageIO.read(folder.resolve("page-00001.lines.png").toFile());
            BufferedImage flats = ImageIO.read(folder.resolve("page-00001.flats.png").toFile());
            BufferedImage color = ImageIO.read(folder.resolve("page-00001.color.png").toFile());
            assertThat(lines.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            assertThat(List.of(lines.getWidth(), flats.getWidth(), color.getWidth())).containsOnly(W);
            assertThat(List.of(lines.getHeight(), flats.getHeight(), color.getHeight())).containsOnly(H);
            assertThat(TripletAlignment.meanAbsoluteError(lines, flats, color)).as(split).isLessThan(0.1);
        }
    }

    private static List<OpenMojiDrawing> keptDrawings() throws IOException {
        return OpenMojiFixture.read().drawings().stream().filter(d -> OpenMojiFixture.KEPT.contains(d.hexcode())).toList();
    }
}
