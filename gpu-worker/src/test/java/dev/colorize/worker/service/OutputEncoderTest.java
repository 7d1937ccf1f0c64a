package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.colorize.ml.data.ImageCodec;
import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.worker.service.EncodedObject.Part;
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
        List<EncodedObject> objects = encode(colored(new PageJob(job.schemaVersion(), job.publisherId(),
                job.chapterId(), 3, job.sourceKey(), OutputFormat.JPEG, null, null, null, null, 80, null, null)));

        assertThat(objects).extracting(EncodedObject::part, EncodedObject::key, EncodedObject::mediaType)
                .containsExactly(tuple(Part.PAGE, PAGE + "-v7.jpg", "image/jpeg"));
        assertThat(ImageCodec.decodeBgr(objects.get(0).content()).cols()).isEqualTo(64);
    }

    @Test
    void everyOutputAskedForIsEncodedInTheOrderItIsStoredTheColoredPageLast() {
        PageJob job = StagePages.job(3).withOutputs(Set.of(PageOutput.LAYERS, PageOutput.ORA, PageOutput.PSD), null)
                .withHints("sketches/p/c/0003-r2.hints.json", 2);

        List<EncodedObject> objects = encode(colored(job));

        assertThat(objects).extracting(EncodedObject::part, EncodedObject::key).containsExactly(
                tuple(Part.PHOTOSHOP, PAGE + "-r2-v7.psd"),
                tuple(Part.FLATS, PAGE + "-r2-v7.flats.png"),
                tuple(Part.LINES, PAGE + "-r2-v7.lines.png"),
                tuple(Part.OPEN_RASTER, PAGE + "-r2-v7.ora"),
                tuple(Part.PAGE, PAGE + "-r2-v7.png"));
        assertThat(objects.get(2).mediaType()).isEqualTo("image/png");
        assertThat(ImageCodec.decodeBgra(objects.get(2).content()).channels()).isEqualTo(4); // lines on transparent
    }

    @Test
    void onlyTheOutputsAskedForAreEncoded() {
        List<EncodedObject> ora = encode(colored(StagePages.job(3).withOutputs(Set.of(PageOutput.ORA), null)));
        assertThat(ora).extracting(EncodedObject::part).containsExactly(Part.OPEN_RASTER, Part.PAGE);

        List<EncodedObject> psd = encode(colored(StagePages.job(3).withOutputs(Set.of(PageOutput.PSD), null)));
        assertThat(psd).extracting(EncodedObject::part).containsExactly(Part.PHOTOSHOP, Part.PAGE);
    }

    @Test
    void aPassedThroughPageIsItsUploadedBytesUnchangedInTheirOwnFormat() {
        PageWork<String> page = StagePages.work(StagePages.job(3));
        byte[] uploaded = ImageCodec.encodePng(StagePages.colorPage(64, 48));
        page.skip(uploaded);

        assertThat(encode(page)).extracting(EncodedObject::part, EncodedObject::key, EncodedObject::content)
                .containsExactly(tuple(Part.PAGE, PAGE + "-original.png", uploaded));
    }
}
