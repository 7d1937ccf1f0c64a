package dev.colorize.worker.service;

import dev.colorize.platform.coloring.ColoringRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.coloring.PageFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputEncoderTest {

    private static final String PAGE = "results/" + StagePages.PUBLISHER + "/" + StagePages.CHAPTER + "/0003";

    private final OutputEncoder encoder = new OutputEncoder(new PageEncoder(95));

    private static PageWork<String> colored(PageJob job) {
        PageWork<String> page = StagePages.work(job);
        page.sketch = StagePages.lineArt(64, 48);
        page.colored = StagePages.colorPage(64, 48);
        page.flats = StagePages.colorPage(64, 48);
        page.modelVersion = 7;
        return page;
    }

    private List<EncodedObject> encode(PageWork<String> page) {
        List<EncodedObject> objects = new ArrayList<>();
        encoder.encode(page, objects::add);
        return objects;
    }

    @Test
    void aJobAskingForNothingMoreGetsItsColoredPageInItsFormat() {
        PageJob job = StagePages.job(3);
        List<EncodedObject> objects = encode(colored(job.withRequest(ColoringRequest.of(OutputFormat.JPEG)
                .withOutputs(null, 80))));

        assertThat(objects).extracting(EncodedObject::file, EncodedObject::key, EncodedObject::mediaType)
                .containsExactly(tuple(PageFile.COLORED, PAGE + "-v7.jpg", "image/jpeg"));
        assertThat(ImageCodec.decodeBgr(objects.get(0).content()).cols()).isEqualTo(64);
    }

    @Test
    void everyOutputAskedForIsEncodedInTheOrderItIsStoredTheColoredPageLast() {
        PageJob job = StagePages.job(3).withOutputs(Set.of(PageOutput.LAYERS, PageOutput.ORA, PageOutput.PSD), null)
                .withHints("sketches/p/c/0003-r2.hints.json", 2);

        List<EncodedObject> objects = encode(colored(job));

        assertThat(objects).extracting(EncodedObject::file, EncodedObject::key).containsExactly(
                tuple(PageFile.PSD, PAGE + "-r2-v7.psd"),
                tuple(PageFile.FLATS, PAGE + "-r2-v7.flats.png"),
                tuple(PageFile.LINES, PAGE + "-r2-v7.lines.png"),
                tuple(PageFile.ORA, PAGE + "-r2-v7.ora"),
                tuple(PageFile.COLORED, PAGE + "-r2-v7.png"));
        assertThat(objects.get(2).mediaType()).isEqualTo("image/png");
        assertThat(ImageCodec.decodeBgra(objects.get(2).content()).channels()).isEqualTo(4); // lines on transparent
    }

    @Test
    void onlyTheOutputsAskedForAreEncoded() {
        List<EncodedObject> ora = encode(colored(StagePages.job(3).withOutputs(Set.of(PageOutput.ORA), null)));
        assertThat(ora).extracting(EncodedObject::file).containsExactly(PageFile.ORA, PageFile.COLORED);

        List<EncodedObject> psd = encode(colored(StagePages.job(3).withOutputs(Set.of(PageOutput.PSD), null)));
        assertThat(psd).extracting(EncodedObject::file).containsExactly(PageFile.PSD, PageFile.COLORED);
    }

    @Test
    void aPassedThroughPageIsItsUploadedBytesUnchangedInTheirOwnFormat() {
        PageWork<String> page = StagePages.work(StagePages.job(3));
        byte[] uploaded = ImageCodec.encodePng(StagePages.colorPage(64, 48));
        page.skip(uploaded);

        assertThat(encode(page)).extracting(EncodedObject::file, EncodedObject::key, EncodedObject::content)
                .containsExactly(tuple(PageFile.COLORED, PAGE + "-original.png", uploaded));
    }
}
