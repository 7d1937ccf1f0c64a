package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.infer.ColorPageRule;
import dev.colorize.platform.messaging.PageJob;
import org.junit.jupiter.api.Test;

class PassThroughDecisionTest {

    private final PassThroughDecision decision = new PassThroughDecision(ColorPageRule.defaults());
    private final PageJob job = StagePages.job(1);

    @Test
    void aPageAlreadyInColorIsPassedThroughAndLineArtIsColored() {
        assertThat(decision.passesThrough(job, StagePages.colorPage(64, 48))).isTrue();
        assertThat(decision.passesThrough(job, StagePages.lineArt(64, 48))).isFalse();
    }

    @Test
    void aPageInColorIsColoredWhenItsJobForcesItOrBringsHintsOrTheWorkerPassesNothingThrough() {
        assertThat(decision.passesThrough(job.withForceColor(true), StagePages.colorPage(64, 48))).isFalse();
        assertThat(decision.passesThrough(job.withHints("sketches/p/c/0001-r1.hints.json", 1),
                StagePages.colorPage(64, 48))).isFalse();
        assertThat(new PassThroughDecision(null).passesThrough(job, StagePages.colorPage(64, 48))).isFalse();
    }

    @Test
    void aPassedThroughPageKeepsItsUploadedBytesAsItsResultAndFreesItsImage() {
        PageWork<String> page = StagePages.work(job);
        page.sketch = StagePages.colorPage(64, 48);
        byte[] uploaded = {1, 2, 3};

        decision.decide(page, uploaded);

        assertThat(page.skipped).isTrue();
        assertThat(page.original).isSameAs(uploaded);
        assertThat(page.sketch).isNull();
        assertThat(page.toColor()).isFalse();
        assertThat(page.pending()).isTrue();
    }
}
