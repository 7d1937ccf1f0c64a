package dev.colorize.trainer.dataset.fluent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colorize.ml.data.TripletFolder;
import dev.colorize.platform.hashing.Sha256;
import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.DrawingTriplet;
import dev.colorize.trainer.dataset.triplet.InkOnEdges;
import dev.colorize.trainer.dataset.triplet.SvgRasterizer;
import dev.colorize.trainer.dataset.triplet.TripletAlignment;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Fluent Emoji icons (test resources {@code fluent-emoji/}: angry face and abacus pair up cleanly, the
 * 1st place medal's High Contrast drawing fills its orange disc with black, eleven o'clock's Flat drawing
 * has a gradient, the dark-skinned waving hand has no High Contrast drawing) imported at 64 px.
 */
class FluentEmojiImportTest {

    private static final int SIZE = 64;

    @TempDir
    static Path dir;

    private static FluentImportReport report;
    private static final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @BeforeAll
    static void importResources() throws IOException {
        report = importer().run(resource("flat"), resource("high-contrast"), dir.resolve("out"), options());
    }

    @Test
    void cleanPairsAreKeptInTheLayoutTrainingReads() {
        TripletFolder folder = new TripletFolder(dir.resolve("out"), SIZE, true);
        List<String> names = Stream.concat(folder.drawings("train").stream(), folder.drawings("validation").stream())
                .map(TripletFolder.Triplet::name).sorted().toList();
        assertThat(names).containsExactly("abacus", "angry-face");
        assertThat(report.drawings().get(Split.TRAIN) + report.drawings().get(Split.VALIDATION)).isEqualTo(2);
    }

    @Test
    void whatDoesNotPairUpIsDroppedAndCountedByReason() throws IOException {
        assertThat(report.dropped()).containsExactlyInAnyOrderEntriesOf(Map.of(FluentEmojiImporter.INK_OFF_EDGES, 1,
                FluentEmojiImporter.GRADIENT, 1, FluentEmojiImporter.NO_HIGH_CONTRAST, 1));
        assertThat(log.toString()).contains("1st-place-medal: ink-off-edges");
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("out/manifest.json").toFile());
        assertThat(manifest.path("license").asText()).isEqualTo("MIT");
        assertThat(manifest.path("dropped").path(FluentEmojiImporter.INK_OFF_EDGES).asInt()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("out/ATTRIBUTION.md"))).contains("Microsoft Corporation", "MIT License");
    }

    @Test
    void eachDrawingIsInTheSplitOfItsNameHash() {
        for (String name : List.of("abacus", "angry-face")) {
            String split = Split.of(Sha256.digest(name), 0.5).column();
            assertThat(dir.resolve("out/drawings").resolve(split).resolve(name + ".lines.png")).isRegularFile();
        }
    }

    @Test
    void theHighContrastInkLiesOnTheFlatDrawingsEdgesAndTheCompositeIsTheirProduct() throws IOException {
        IconifySet flat = IconifySet.read(resource("flat"));
        IconifySet ink = IconifySet.read(resource("high-contrast"));
        DrawingTriplet t = importer().render(flat.icons().get("angry-face"), ink.icons().get("angry-face"), SIZE);
        assertThat(TripletFilter.darkFraction(t)).isGreaterThan(0.05);
        assertThat(InkOnEdges.supportedShare(t.lines(), t.flats(), options().alignmentRadius())).isGreaterThan(0.95);
        assertThat(TripletAlignment.meanAbsoluteError(t)).isLessThan(0.1);
    }

    @Test
    void inkShiftedByAQuarterOfTheDrawingNoLongerLinesUp() throws IOException {
        IconifySet flat = IconifySet.read(resource("flat"));
        IconifyIcon ink = IconifySet.read(resource("high-contrast")).icons().get("angry-face");
        IconifyIcon shifted = new IconifyIcon(ink.name(), ink.body(), ink.left() + 8, ink.top(), ink.width(),
                ink.height(), false);
        DrawingTriplet t = importer().render(flat.icons().get("angry-face"), shifted, SIZE);
        assertThat(InkOnEdges.supportedShare(t.lines(), t.flats(), options().alignmentRadius()))
                .isLessThan(options().minInkOnEdges());
    }

    @Test
    void iconsThatReuseShapesWithPlainHrefRender() throws IOException {
        // as Fluent's butter and man-fairy do: SVG 2's href, which Batik reads only as xlink:href
        IconifyIcon reused = new IconifyIcon("reused", "<defs><path id=\"a\" d=\"M4 4h24v24H4z\"/></defs>"
                + "<use href=\"#a\" fill=\"#e03020\"/>", 0, 0, 32, 32, false);
        BufferedImage image = new SvgRasterizer().render(reused.svg("#000000"), 32, 32);
        assertThat(image.getRGB(16, 16)).isEqualTo(0xFFE03020);
    }

    @Test
    void aSecondRunResumesWithoutRenderingAgain() throws IOException {
        Path kept = Files.list(dir.resolve("out/drawings").resolve(Split.of(Sha256.digest("abacus"), 0.5).column()))
                .filter(p -> p.getFileName().toString().startsWith("abacus.")).findFirst().orElseThrow();
        FileTime before = Files.getLastModifiedTime(kept);
        FluentImportReport again = importer().run(resource("flat"), resource("high-contrast"), dir.resolve("out"),
                options());
        assertThat(again.resumed()).isEqualTo(2);
        assertThat(again.drawings()).isEqualTo(report.drawings());
        assertThat(again.dropped()).isEqualTo(report.dropped());
        assertThat(Files.getLastModifiedTime(kept)).isEqualTo(before);
    }

    private static FluentEmojiImporter importer() {
        return new FluentEmojiImporter(TripletFilter.standard(), new SvgRasterizer(), new PrintStream(log, true));
    }

    private static FluentImportOptions options() {
        return new FluentImportOptions(SIZE, 0.5, FluentImportOptions.defaults().minInkOnEdges(), 0, 2);
    }

    private static Path resource(String set) {
        try {
            return Path.of(FluentEmojiImportTest.class.getResource("/fluent-emoji/" + set + ".icons.json").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
