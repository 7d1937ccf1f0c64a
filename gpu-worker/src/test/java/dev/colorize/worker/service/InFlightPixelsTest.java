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
}
