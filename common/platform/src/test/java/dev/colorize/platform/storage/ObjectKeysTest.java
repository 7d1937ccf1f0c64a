package dev.colorize.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ObjectKeysTest {

    private static final UUID PUBLISHER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID CHAPTER = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void pageKeysSortByPageNumberAndSitUnderTheirChapter() {
        assertThat(ObjectKeys.sketch(PUBLISHER, CHAPTER, 7, "png"))
                .isEqualTo("sketches/" + PUBLISHER + "/" + CHAPTER + "/0007.png");
        String result = ObjectKeys.result(PUBLISHER, CHAPTER, 12, 3, "webp");
        assertThat(result).isEqualTo("results/" + PUBLISHER + "/" + CHAPTER + "/0012-v3.webp")
                .startsWith(ObjectKeys.resultPrefix(PUBLISHER, CHAPTER));
        assertThat(result).doesNotStartWith(ObjectKeys.resultPrefix(CHAPTER, PUBLISHER));
    }

    @Test
    void layerKeysSitBesideTheirColoredPageUnderTheChapter() {
        String prefix = "results/" + PUBLISHER + "/" + CHAPTER + "/0012-v3.";
        assertThat(ObjectKeys.flatsLayer(PUBLISHER, CHAPTER, 12, 3)).isEqualTo(prefix + "flats.png");
        assertThat(ObjectKeys.linesLayer(PUBLISHER, CHAPTER, 12, 3)).isEqualTo(prefix + "lines.png");
        assertThat(ObjectKeys.openRaster(PUBLISHER, CHAPTER, 12, 3)).isEqualTo(prefix + "ora")
                .startsWith(ObjectKeys.resultPrefix(PUBLISHER, CHAPTER));
    }

    @Test
    void aRecolorRevisionHasItsOwnResultAndLayersWhileRevisionZeroKeepsTheUploadsNames() {
        String base = "results/" + PUBLISHER + "/" + CHAPTER + "/0012";
        assertThat(ObjectKeys.result(PUBLISHER, CHAPTER, 12, 0, 3, "png")).isEqualTo(base + "-v3.png");
        assertThat(ObjectKeys.result(PUBLISHER, CHAPTER, 12, 2, 3, "png")).isEqualTo(base + "-r2-v3.png")
                .startsWith(ObjectKeys.resultPrefix(PUBLISHER, CHAPTER));
        assertThat(ObjectKeys.flatsLayer(PUBLISHER, CHAPTER, 12, 2, 3)).isEqualTo(base + "-r2-v3.flats.png");
        assertThat(ObjectKeys.linesLayer(PUBLISHER, CHAPTER, 12, 2, 3)).isEqualTo(base + "-r2-v3.lines.png");
        assertThat(ObjectKeys.openRaster(PUBLISHER, CHAPTER, 12, 2, 3)).isEqualTo(base + "-r2-v3.ora");
        String sketches = "sketches/" + PUBLISHER + "/" + CHAPTER + "/0012";
        assertThat(ObjectKeys.hints(PUBLISHER, CHAPTER, 12, 0, "png")).isEqualTo(sketches + ".hints.png");
        assertThat(ObjectKeys.hints(PUBLISHER, CHAPTER, 12, 1, "json")).isEqualTo(sketches + "-r1.hints.json");
    }

    @Test
    void runKeysNestCheckpointsAndSamplesUnderTheRun() {
        UUID run = UUID.randomUUID();
        assertThat(ObjectKeys.runCheckpoint(run, 42)).isEqualTo("runs/" + run + "/checkpoints/000000042/")
                .startsWith(ObjectKeys.runCheckpoints(run));
        assertThat(ObjectKeys.runSample(run, 42)).isEqualTo("runs/" + run + "/samples/000000042.png")
                .startsWith(ObjectKeys.runSamples(run));
        assertThat(ObjectKeys.modelArtifact(5)).isEqualTo("models/v5/model.zip");
        assertThat(ObjectKeys.datasetImage("faces", "ab12", "png")).isEqualTo("datasets/faces/images/ab12.png");
    }
}
