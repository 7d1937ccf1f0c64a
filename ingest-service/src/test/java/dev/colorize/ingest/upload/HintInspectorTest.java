package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.ingest.config.IngestConfig;
import dev.colorize.ingest.config.IngestConfigs;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.rest.ApiProblem;
import dev.colorize.platform.errors.Refused;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HintInspectorTest {

    private static final IngestConfig CONFIG = IngestConfigs.of(Map.of("colorize.ingest.upload.hints.max-points", "3"));
    private final HintInspector hints = inspector(CONFIG);
    private final InspectedPage page = new InspectedPage(2, "b.png", Path.of("b.png"), 100, ImageFormat.PNG, 400, 300);

    @TempDir
    Path folder;

    private static HintInspector inspector(IngestConfig config) {
        PageLimits limits = new PageLimits(config);
        return new HintInspector(limits, new PageInspector(limits), config);
    }

    private List<HintPoint> points(String json) {
        return hints.points(2, 400, 300, "b.hints.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private ApiProblem refused(String json) {
        return ApiProblem.of(catchThrowableOfType(Refused.class, () -> points(json)));
    }

    @Test
    void pointsGetTheDefaultRadiusLowerCaseColorsAndTrimmedNamesAndMayComeWrapped() {
        assertThat(points("[{\"x\":0,\"y\":299.5,\"color\":\"#AbCdEf\"},{\"x\":399,\"y\":0,\"name\":\" Aiko hair \",\"radius\":12}]"))
                .containsExactly(new HintPoint(0, 299.5, "#abcdef", null, 4), new HintPoint(399, 0, null, "Aiko hair", 12));
        assertThat(points("{\"points\":[{\"x\":1,\"y\":1,\"color\":\"#000000\"}]}")).hasSize(1);
    }

    @Test
    void eachBadPointIsRefusedNamingThePageTheFileAndThePoint() {
        ApiProblem outside = refused("[{\"x\":1,\"y\":1,\"color\":\"#000000\"},{\"x\":400,\"y\":1,\"color\":\"#000000\"}]");
        assertThat(outside.type()).endsWith("/invalid-hints");
        assertThat(outside.page()).isEqualTo(2);
        assertThat(outside.file()).isEqualTo("b.hints.json");
        assertThat(outside.detail()).contains("point 2").contains("outside the page (400x300 pixels)");
        assertThat(refused("[{\"x\":-1,\"y\":1,\"color\":\"#000000\"}]").detail()).contains("outside the page");
        assertThat(refused("[{\"x\":1,\"y\":1,\"color\":\"#00000\"}]").detail()).contains("not #rrggbb");
        assertThat(refused("[{\"x\":1,\"y\":1,\"color\":\"#000000\",\"name\":\"a\"}]").detail()).contains("either a color");
        assertThat(refused("[{\"x\":\"1\",\"y\":1,\"color\":\"#000000\"}]").detail()).contains("needs a number 'x'");
        assertThat(refused("[{\"x\":1,\"y\":1,\"colour\":\"#000000\"}]").detail()).contains("unknown field 'colour'");
        assertThat(refused("[{\"x\":1,\"y\":1,\"color\":\"#000000\",\"radius\":201}]").detail()).contains("radius 201.0");
        assertThat(refused("[{\"x\":1,\"y\":1,\"name\":\"  \"}]").detail()).contains("blank");
        assertThat(refused("[]").detail()).contains("have 0 points; from 1 to 3");
        assertThat(refused("[1,2,3,4]").detail()).contains("have 4 points");
        assertThat(refused("{\"x\":1}").detail()).contains("not a JSON array");
        assertThat(refused("[{\"x\":1,").detail()).contains("are not JSON");
    }

    @Test
    void pointsLargerThanTheLimitAreRefusedAtTheBytePastItNamingTheHints() {
        HintInspector small = inspector(IngestConfigs.of(Map.of("colorize.ingest.upload.hints.max-json-bytes", "10")));
        ByteArrayInputStream json = new ByteArrayInputStream(
                "[{\"x\":1,\"y\":1,\"color\":\"#000000\"}]".getBytes(StandardCharsets.UTF_8));
        ApiProblem problem = ApiProblem.of(catchThrowableOfType(Refused.class,
                () -> small.points(2, 400, 300, "b.hints.json", json)));
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("/hints-too-large");
        assertThat(problem.field()).isEqualTo("hints");
        assertThat(problem.page()).isEqualTo(2);
        assertThat(json.available()).as("bytes left unread").isEqualTo(33 - 11);
    }

    @Test
    void aHintImageIsAnRgbaPngOfThePagesAspectWithinTheTolerance() throws IOException {
        assertThat(hints.image(page, png("ok.png", 200, 151, BufferedImage.TYPE_INT_ARGB)).isImage()).isTrue();
        ApiProblem aspect = ApiProblem.of(catchThrowableOfType(Refused.class,
                () -> hints.image(page, png("wide.png", 200, 140, BufferedImage.TYPE_INT_ARGB))));
        assertThat(aspect.detail()).contains("200x140, not of the page's aspect (400x300");
        assertThat(aspect.page()).isEqualTo(2);
        ApiProblem opaque = ApiProblem.of(catchThrowableOfType(Refused.class,
                () -> hints.image(page, png("rgb.png", 400, 300, BufferedImage.TYPE_INT_RGB))));
        assertThat(opaque.detail()).contains("not a PNG with an alpha channel");
    }

    @Test
    void aHintImageOfMoreBitsOrPixelsThanItsPageIsRefusedNamingTheHints() throws IOException {
        ApiProblem large = ApiProblem.of(catchThrowableOfType(Refused.class,
                () -> hints.image(page, png("large.png", 800, 600, BufferedImage.TYPE_INT_ARGB))));
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.type()).endsWith("/hints-too-large");
        assertThat(large.detail()).contains("800x600").contains("more than its page's 400x300");
        assertThat(large.page()).isEqualTo(2);
        assertThat(large.file()).isEqualTo("large.png");
        assertThat(large.field()).isEqualTo("hints");

        ColorModel sixteenBits = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        Path file = folder.resolve("deep.png");
        ImageIO.write(new BufferedImage(sixteenBits, sixteenBits.createCompatibleWritableRaster(400, 300), false, null),
                "png", file.toFile());
        ApiProblem deep = ApiProblem.of(catchThrowableOfType(Refused.class,
                () -> hints.image(page, new PageSource("deep.png", file, Files.size(file)))));
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.type()).endsWith("/invalid-hints");
        assertThat(deep.detail()).contains("16 bits per channel");
        assertThat(deep.file()).isEqualTo("deep.png");
    }

    private PageSource png(String name, int width, int height, int type) throws IOException {
        Path file = folder.resolve(name);
        ImageIO.write(new BufferedImage(width, height, type), "png", file.toFile());
        return new PageSource(name, file, Files.size(file));
    }
}
