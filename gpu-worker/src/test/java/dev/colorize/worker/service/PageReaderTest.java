package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.storage.ObjectStoreException;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class PageReaderTest {

    private final InFlightPixels inFlight = new InFlightPixels(1_000_000);
    private final PageJob job = StagePages.job(1);
    private final StagePages.Objects objects = new StagePages.Objects().with(job.sourceKey(), StagePages.lineArt(80, 60));

    private PageReader reader(long maxPagePixels, int maxPageAspect, PageStore store) {
        return new PageReader(store, maxPagePixels, maxPageAspect, inFlight);
    }

    @Test
    void aPageWithinTheLimitsIsDecodedAndItsPixelsHeldInTheBudget() {
        PageWork<String> page = StagePages.work(job);

        byte[] uploaded = reader(100_000, 200, objects).read(page);

        assertThat(uploaded).isEqualTo(objects.stored.get(job.sourceKey()));
        assertThat(page.sketch.size().width).isEqualTo(80);
        assertThat(page.pixels).isEqualTo(80 * 60);
        assertThat(inFlight.held()).isEqualTo(80 * 60);
        assertThat(page.pending()).isTrue();
    }

    @Test
    void aPageOverThePixelLimitOrTooLongForItsWidthFailsFromItsHeaderBeforeItIsDecoded() {
        PageWork<String> tooLarge = StagePages.work(job);
        assertThat(reader(80 * 60 - 1, 200, objects).read(tooLarge)).isNull();
        assertThat(tooLarge.failure).isEqualTo("page 1: 80x60 pixels exceeds the limit of 4799");
        assertThat(tooLarge.sketch).isNull();

        PageWork<String> strip = StagePages.work(job);
        assertThat(reader(100_000, 1, objects).read(strip)).isNull();
        assertThat(strip.failure).startsWith("page 1: 80x60 is more than 1 times longer than wide");
        assertThat(inFlight.held()).isZero();
    }

    @Test
    void aHintImageWithMorePixelsThanItsPageIsRefusedBeforeItIsDecoded() {
        PageJob hinted = job.withHints("sketches/p/c/0001-r1.hints.png", 1);
        objects.with(hinted.request().hintsKey(), Mat.zeros(61, 81, CvType.CV_8UC4));
        PageWork<String> page = StagePages.work(hinted);

        assertThat(reader(100_000, 200, objects).read(page)).isNull();

        assertThat(page.failure).isEqualTo("page 1: hints cannot be used: hints are 81x61, more pixels than the page"
                + " (80x60)");
        assertThat(page.hints).isNull();
        assertThat(page.sketch).isNull(); // released at once
    }

    @Test
    void hintsWithinThePageAreDecodedAndHeldInTheBudgetWithTheirPage() {
        PageJob hinted = job.withHints("sketches/p/c/0001-r1.hints.png", 1);
        objects.with(hinted.request().hintsKey(), Mat.zeros(30, 40, CvType.CV_8UC4));
        PageWork<String> page = StagePages.work(hinted);

        assertThat(reader(100_000, 200, objects).read(page)).isNotNull();

        assertThat(page.hints.channels()).isEqualTo(4);
        assertThat(page.pixels).isEqualTo(80 * 60 + 40 * 30);
        assertThat(inFlight.held()).isEqualTo(80 * 60 + 40 * 30);
    }

    @Test
    void aMissingSketchOrHintsFailTheirPageButAStoreOutageDeadLettersIt() {
        PageWork<String> missing = StagePages.work(StagePages.job(2));
        reader(100_000, 200, objects).read(missing);
        assertThat(missing.failure).startsWith("page 2: sketch sketches/p/c/2.png cannot be read: no such key");

        PageWork<String> hintsMissing = StagePages.work(job.withHints("sketches/p/c/0001-r1.hints.json", 1));
        reader(100_000, 200, objects).read(hintsMissing);
        assertThat(hintsMissing.failure).startsWith("page 1: hints sketches/p/c/0001-r1.hints.json cannot be read");

        PageWork<String> outage = StagePages.work(job);
        reader(100_000, 200, new StagePages.Objects() {
            @Override
            public byte[] read(String key) {
                throw new ObjectStoreException("store unreachable", true, null);
            }
        }).read(outage);
        assertThat(outage.failure).isNull();
        assertThat(outage.deadLetterKind).isEqualTo(DeadLetterKind.STORE_FAILED);
        assertThat(outage.deadLetterError).isEqualTo("store unreachable");
    }

    @Test
    void bytesThatAreNoImageFailThePage() {
        objects.stored.put(job.sourceKey(), "not an image".getBytes());
        PageWork<String> page = StagePages.work(job);

        reader(100_000, 200, objects).read(page);

        assertThat(page.failure).startsWith("page 1: not a decodable image");
    }
}
