package dev.colorize.worker.service;

import dev.colorize.platform.coloring.PageFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageOutput;
import dev.colorize.platform.storage.ObjectStoreException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultWriterTest {

    private static PageWork<String> colored(PageJob job) {
        PageWork<String> page = StagePages.work(job);
        page.sketch = StagePages.lineArt(64, 48);
        page.colored = StagePages.colorPage(64, 48);
        page.flats = StagePages.colorPage(64, 48);
        page.modelVersion = 2;
        return page;
    }

    @Test
    void eachObjectIsStoredAndItsKeyKeptForTheResultAndTheImagesAreFreed() {
        StagePages.Objects store = new StagePages.Objects();
        PageWork<String> page = colored(StagePages.job(1).withOutputs(Set.of(PageOutput.LAYERS, PageOutput.PSD), null));

        new ResultWriter(new OutputEncoder(new PageEncoder(95)), store).write(page);

        assertThat(store.written).containsExactly(page.outputs.get(PageFile.PSD), page.outputs.get(PageFile.FLATS),
                page.outputs.get(PageFile.LINES), page.outputs.colored());
        assertThat(page.outputs.colored()).endsWith("/0001-v2.png");
        assertThat(page.outputs.get(PageFile.ORA)).isNull();
        assertThat(page.colored).isNull();
        assertThat(page.sketch).isNull();
        assertThat(page.pending()).isTrue();
    }

    @Test
    void aStoreThatCannotTakeTheResultNowDeadLettersThePage() {
        PageWork<String> page = colored(StagePages.job(1));

        new ResultWriter(new OutputEncoder(new PageEncoder(95)), new StagePages.Objects() {
            @Override
            public void write(String key, byte[] content, String mediaType) {
                throw new ObjectStoreException("store unreachable", true, null);
            }
        }).write(page);

        assertThat(page.deadLetterKind).isEqualTo(DeadLetterKind.STORE_FAILED);
        assertThat(page.outputs.colored()).isNull();
        assertThat(page.colored).isNull();
    }
}
