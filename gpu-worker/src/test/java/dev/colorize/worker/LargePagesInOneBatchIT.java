package dev.colorize.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.service.PageStore;
import dev.colorize.worker.support.OtherWorker;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 26 item 8: the in-flight pixel cap held between batches only, so one batch of large pages was decoded and
 * colored all at once (eight 1e8-pixel hinted pages: about 8 x 2.3 GiB against the pod's 8 GiB).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class LargePagesInOneBatchIT {

    private static final int PAGES = 4;
    private static final int WIDTH = 400;
    private static final int HEIGHT = 300;

    @Inject
    TestStack stack;

    @Test
    void aBatchOfPagesPastThePixelCapHoldsNoMoreThanTheCapPlusOnePageAtOnce() throws Exception {
        stack.ensureProduction();
        String topic = "jobs-large-" + UUID.randomUUID();
        String group = "large-pages-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        long pagePixels = (long) WIDTH * HEIGHT;
        long cap = pagePixels * 3 / 2;
        for (int page = 1; page <= PAGES; page++) {
            stack.pages.enqueue(topic, chapter, page, WIDTH, HEIGHT);
        }
        AtomicReference<OtherWorker> worker = new AtomicReference<>();
        List<Long> heldAtWrites = new CopyOnWriteArrayList<>();
        PageStore store = stack.pageStore(stack.store);
        PageStore watched = new PageStore() {
            @Override
            public byte[] read(String key) {
                return store.read(key);
            }

            @Override
            public void write(String key, byte[] content, String mediaType) {
                heldAtWrites.add(worker.get().inFlightPixels().held());
                store.write(key, content, mediaType);
            }
        };

        // all jobs are queued before it starts: its first batch takes all of them
        try (OtherWorker large = stack.otherWorker("large-pages", ModelAliases.PRODUCTION, topic, group, watched, cap)) {
            worker.set(large);
            large.start();
            List<PageResult> results = stack.pages.awaitResults(chapter, PAGES, Duration.ofSeconds(90));
            assertThat(results).extracting(PageResult::state).containsOnly(PageState.DONE);
        }

        assertThat(heldAtWrites).hasSize(PAGES).allSatisfy(held -> assertThat(held)
                .as("pixels held while a result is written").isLessThanOrEqualTo(cap + pagePixels));
    }
}
