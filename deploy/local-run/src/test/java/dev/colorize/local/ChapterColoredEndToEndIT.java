package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorize.ml.testing.PhotoshopFile;
import dev.colorize.platform.webhook.ChapterWebhook;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main command's path: embedded stack, the three services from their built apps, the shipped default
 * model registered and promoted on the fresh registry, upload, jobs, worker, results, signed webhook,
 * CBZ download; a second run on the same data reuses the model and, with --layers, writes each page's OpenRaster file
 * beside it; on fresh data, --bootstrap trains and
 * promotes a tiny model instead. With --hints, a closed region takes the color its hint gives it.
 */
class ChapterColoredEndToEndIT {

    @TempDir
    Path work;

    @Test
    void aChapterIsColoredInColorAnnouncedBySignedWebhookAndDownloadedAndASecondRunReusesTheModel() throws Exception {
        Path data = work.resolve("data");

        RunSummary first = run(options(work.resolve("first"), data, false));

        assertThat(first.succeeded()).as("summary %s", first).isTrue();
        assertThat(first.modelBootstrapped()).as("the shipped model serves a fresh registry").isFalse();
        assertThat(first.pagesTotal()).isEqualTo(4);
        assertThat(first.pagesDone()).isEqualTo(4);
        assertThat(first.webhookSignatureValid()).isTrue();
        assertThat(ChapterWebhook.parse(first.webhookEvent()).data().chapterId()).isEqualTo(first.chapterId());
        assertThat(first.secondsPerStage()).containsKeys("stack", "services", "model", "upload", "coloring", "download");

        Path sample = data.resolve("local/sample-chapter/page-1.png");
        assertThat(Files.readString(data.resolve("local/sample-chapter/ATTRIBUTION.md"))).contains("CC BY-SA 4.0");
        BufferedImage input = ImageIO.read(sample.toFile());
        BufferedImage colored = ImageIO.read(work.resolve("first/pages/page-0001.png").toFile());
        assertThat(colored.getWidth()).isEqualTo(input.getWidth());
        assertThat(colored.getHeight()).isEqualTo(input.getHeight());
        assertThat(colored.getColorModel().getNumColorComponents()).isEqualTo(3);
        // The sample page is mostly paper around its drawings (about 3 % clearly colored pixels with region flats).
        assertThat(saturatedShare(colored)).as("share of clearly colored pixels").isGreaterThan(0.01);

        assertThat(cbzEntries(work.resolve("first/chapter.cbz"))).hasSize(4);
        JsonNode summaryFile = JsonHttp.JSON.readTree(work.resolve("first/summary.json").toFile());
        assertThat(summaryFile.get("pagesDone").asInt()).isEqualTo(4);
        assertThat(summaryFile.get("webhookSignatureValid").asBoolean()).isTrue();

        assertThat(first.openRasterFiles()).as("no layers unless asked").isEmpty();
        assertThat(first.photoshopFiles()).isEmpty();

        RunSummary second = run(options(work.resolve("second"), data, false, true));
        assertThat(second.succeeded()).as("summary %s", second).isTrue();
        assertThat(second.openRasterFiles()).hasSize(4).contains("pages/page-0001.ora");
        Map<String, byte[]> ora = zipEntries(work.resolve("second/pages/page-0001.ora"));
        assertThat(ora.keySet()).first().isEqualTo("mimetype");
        assertThat(new String(ora.get("mimetype"), StandardCharsets.US_ASCII)).isEqualTo("image/openraster");
        String stack = new String(ora.get("stack.xml"), StandardCharsets.UTF_8);
        assertThat(stack).contains("w=\"" + input.getWidth() + "\" h=\"" + input.getHeight() + "\"");
        assertThat(stack.indexOf("name=\"lines\"")).as("lines above flats").isLessThan(stack.indexOf("name=\"flats\""));
        assertThat(stack).contains("composite-op=\"svg:multiply\"");
        BufferedImage lines = ImageIO.read(new java.io.ByteArrayInputStream(ora.get("data/lines.png")));
        assertThat(lines.getWidth()).isEqualTo(input.getWidth());
        assertThat(lines.getColorModel().hasAlpha()).isTrue();
        assertThat(second.photoshopFiles()).hasSize(4).contains("pages/page-0001.psd");
        PhotoshopFile psd = PhotoshopFile.read(Files.readAllBytes(work.resolve("second/pages/page-0001.psd")));
        assertThat(psd.layers()).extracting(PhotoshopFile.Layer::name).as("bottom first").containsExactly("flats", "lines");
        assertThat(psd.layers()).extracting(PhotoshopFile.Layer::blendMode).containsExactly("norm", "mul ");
        assertThat(psd.merged().getWidth()).isEqualTo(input.getWidth());
        assertThat(psd.layers().get(1).pixels().getColorModel().hasAlpha()).isTrue();
        assertThat(second.modelBootstrapped()).as("the promoted model is reused").isFalse();
        assertThat(second.modelVersions()).isEqualTo(first.modelVersions());
        assertThat(second.chapterId()).isNotEqualTo(first.chapterId());
    }

    @Test
    void aColorCoverIsPassedThroughUnchangedAndAWebtoonStripIsColoredAtItsSize() throws Exception {
        Path input = Files.createDirectories(work.resolve("input"));
        BufferedImage cover = new BufferedImage(600, 850, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = cover.createGraphics();
        g.setColor(new Color(40, 110, 200)); // a sky over the whole cover, a sun, a title band
        g.fillRect(0, 0, 600, 850);
        g.setColor(new Color(250, 200, 40));
        g.fillOval(350, 80, 180, 180);
        g.setColor(Color.BLACK);
        g.fillRect(0, 700, 600, 60);
        g.dispose();
        ImageIO.write(cover, "png", input.resolve("1-cover.png").toFile());
        byte[] coverBytes = Files.readAllBytes(input.resolve("1-cover.png"));
        ImageIO.write(lineArt(800, 12_000), "png", input.resolve("2-strip.png").toFile());

        RunSummary summary = run(new LocalOptions(input, work.resolve("out"), work.resolve("data"),
                projectRoot(), LocalOptions.spec(8, 5, 64, Set.of(0, 1)), 40,
                Duration.ofMinutes(2), 16, Duration.ofMinutes(5), false, false, null, true), 2); // per-pixel flats: see below

        assertThat(summary.succeeded()).as("summary %s", summary).isTrue();
        assertThat(summary.failures()).isEmpty();
        assertThat(pagesSkipped(summary)).isEqualTo(1);
        assertThat(Files.readAllBytes(work.resolve("out/pages/page-0001.png"))).as("the cover, unchanged")
                .isEqualTo(coverBytes);
        BufferedImage strip = ImageIO.read(work.resolve("out/pages/page-0002.png").toFile());
        assertThat(strip.getWidth()).isEqualTo(800);
        assertThat(strip.getHeight()).isEqualTo(12_000);
        // the same drawings repeat down the strip (line art: no saturated pixel): colored at its end as at its start.
        // Per-pixel flats, to see the tiles themselves: with region flats this strip's end came back without a
        // saturated pixel in the local run (0.0 against 0.0070 at its start), while the Colorizer alone gives
        // 0.0072 and 0.0075 to the same strip; not explained yet (docs/QUALITY.md, "Where it fails").
        double start = saturatedShare(strip.getSubimage(0, 0, 800, 1_200));
        double end = saturatedShare(strip.getSubimage(0, 10_200, 800, 1_200));
        assertThat(start).isGreaterThan(0.001);
        assertThat(end).as("colored down to its end").isGreaterThan(start / 2);
        assertThat(cbzEntries(work.resolve("out/chapter.cbz"))).hasSize(2);
    }

    @Test
    void aRegionHintedRedComesOutRedAndHintedBlueComesOutBlueThroughTheWholeSystem() throws Exception {
        Path input = Files.createDirectories(work.resolve("hinted-pages"));
        Path hints = Files.createDirectories(work.resolve("hints"));
        BufferedImage page = new BufferedImage(600, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 800);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        g.drawOval(250, 350, 100, 100); // the closed region: a circle around (300, 400), under 5% of the page
        g.drawLine(40, 700, 560, 760);
        g.dispose();
        ImageIO.write(page, "png", input.resolve("1-red.png").toFile());
        ImageIO.write(page, "png", input.resolve("2-blue.png").toFile());
        Files.writeString(hints.resolve("1-red.hints.json"), "[{\"x\":300,\"y\":400,\"color\":\"#e02020\",\"radius\":5}]");
        BufferedImage dots = new BufferedImage(300, 400, BufferedImage.TYPE_INT_ARGB); // half size: the same aspect
        Graphics2D d = dots.createGraphics();
        d.setColor(new Color(30, 60, 220));
        d.fillOval(147, 197, 6, 6);
        d.dispose();
        ImageIO.write(dots, "png", hints.resolve("2-blue.hints.png").toFile());

        RunSummary summary = run(new LocalOptions(input, work.resolve("hinted"), work.resolve("data"), projectRoot(),
                LocalOptions.spec(8, 5, 64, Set.of(0, 1)), 40, Duration.ofMinutes(2), 16, Duration.ofMinutes(5), false,
                false, hints, false), 2);

        assertThat(summary.succeeded()).as("summary %s", summary).isTrue();
        int[] red = meanRgb(ImageIO.read(work.resolve("hinted/pages/page-0001.png").toFile()), 300, 400);
        int[] blue = meanRgb(ImageIO.read(work.resolve("hinted/pages/page-0002.png").toFile()), 300, 400);
        assertThat(red[0]).as("red inside the circle hinted red, %s", java.util.Arrays.toString(red)).isGreaterThan(170);
        assertThat(Math.max(red[1], red[2])).as("red inside the circle hinted red").isLessThan(90);
        assertThat(blue[2]).as("blue inside the circle hinted blue, %s", java.util.Arrays.toString(blue)).isGreaterThan(170);
        assertThat(Math.max(blue[0], blue[1])).as("blue inside the circle hinted blue").isLessThan(110);
    }

    /** The mean color of the 21x21 pixels around (x, y), as {r, g, b}. */
    private static int[] meanRgb(BufferedImage image, int x, int y) {
        long r = 0;
        long g = 0;
        long b = 0;
        for (int dy = -10; dy <= 10; dy++) {
            for (int dx = -10; dx <= 10; dx++) {
                int rgb = image.getRGB(x + dx, y + dy);
                r += rgb >> 16 & 0xff;
                g += rgb >> 8 & 0xff;
                b += rgb & 0xff;
            }
        }
        return new int[] {(int) (r / 441), (int) (g / 441), (int) (b / 441)};
    }

    /** Line art down a strip: circles and a zigzag every 600 px. */
    private static BufferedImage lineArt(int width, int height) {
        BufferedImage page = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        for (int y = 100; y + 500 < height; y += 600) {
            g.drawOval(width / 4, y, width / 2, 400);
            g.drawOval(width / 4 + 100, y + 120, 80, 60);
            g.drawLine(40, y + 450, width - 40, y + 520);
        }
        g.dispose();
        return page;
    }

    private static int pagesSkipped(RunSummary summary) {
        return ChapterWebhook.parse(summary.webhookEvent()).data().pagesSkipped();
    }

    @Test
    void withBootstrapAFreshRegistryGetsATrainedAndPromotedModel() throws Exception {
        RunSummary summary = run(options(work.resolve("bootstrapped"), work.resolve("fresh-data"), true));
        assertThat(summary.succeeded()).as("summary %s", summary).isTrue();
        assertThat(summary.modelBootstrapped()).isTrue();
    }

    private static LocalOptions options(Path output, Path data, boolean bootstrap) {
        return options(output, data, bootstrap, false);
    }

    private static LocalOptions options(Path output, Path data, boolean bootstrap, boolean layers) {
        return new LocalOptions(null, output, data, projectRoot(), LocalOptions.spec(8, 5, 64, Set.of(0, 1)), 40,
                Duration.ofMinutes(2), 16, Duration.ofMinutes(5), bootstrap, layers, null, false);
    }

    private static Map<String, byte[]> zipEntries(Path zipFile) throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(zipFile))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** Pixels whose HSV saturation is above 0.25: an uncolored page has next to none. */
    private static double saturatedShare(BufferedImage image) {
        long colored = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                float[] hsv = java.awt.Color.RGBtoHSB(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, null);
                colored += hsv[1] > 0.25f && hsv[2] > 0.2f ? 1 : 0;
            }
        }
        return (double) colored / ((long) image.getWidth() * image.getHeight());
    }

    private static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent().getParent();
    }

    private static RunSummary run(LocalOptions options) throws Exception {
        return run(options, 4);
    }

    private static RunSummary run(LocalOptions options, int pages) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            RunSummary summary = new LocalRun(options, out).run();
            String progress = printed.toString(StandardCharsets.UTF_8);
            System.out.print(progress);
            assertThat(progress).contains("pages done " + pages + " / " + pages);
            return summary;
        }
    }

    private static List<String> cbzEntries(Path cbz) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(cbz))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
