package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InFlightPixelsTest {

    private final InFlightPixels pixels = new InFlightPixels(1_000);

    @Test
    void noFurtherBatchIsTakenOnceThePagesHeldReachTheCapUntilTheyAreReleased() {
        assertThat(pixels.hasRoom()).isTrue();
        pixels.hold(600);
        assertThat(pixels.hasRoom()).isTrue();
        pixels.hold(400);
        assertThat(pixels.hasRoom()).as("at the cap").isFalse();
        pixels.release(600);
        assertThat(pixels.hasRoom()).isTrue();
        assertThat(pixels.held()).isEqualTo(400);
    }

    @Test
    void noFurtherBatchIsTakenWhileABatchsSizesAreStillBeingRead() {
        pixels.readingBatch();
        assertThat(pixels.hasRoom()).as("its pages could be of any size").isFalse();
        pixels.hold(10);
        pixels.batchRead();
        assertThat(pixels.hasRoom()).isTrue();
    }

    @Test
    void aSinglePageLargerThanTheCapStillGoesThroughOnItsOwn() {
        assertThat(pixels.hasRoom()).isTrue();
        pixels.hold(5_000);
        assertThat(pixels.hasRoom()).isFalse();
        pixels.release(5_000);
        assertThat(pixels.hasRoom()).isTrue();
    }

    @Test
    void aBatchDecodesAtOnceOnlyThePagesThatFitUnderTheCapAndAlwaysAtLeastOne() {
        assertThat(pixels.fitting(new long[] {300, 300, 300, 300})).isEqualTo(3);
        assertThat(pixels.fitting(new long[] {5_000, 10})).as("a page over the cap goes alone").isEqualTo(1);
        pixels.hold(800);
        assertThat(pixels.fitting(new long[] {300, 100})).as("with what other batches hold").isEqualTo(1);
        assertThat(pixels.fitting(new long[] {0, 100, 300})).as("pages that stopped hold nothing").isEqualTo(2);
        assertThat(pixels.fitting(new long[0])).isZero();
    }
}
