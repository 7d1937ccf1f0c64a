package dev.colorize.worker;

import dev.colorize.platform.coloring.PageState;
import dev.colorize.platform.messaging.DeadLetterHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.messaging.OutputFormat;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.model.ModelAliases;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.storage.ObjectStoreConfig;
import dev.colorize.platform.storage.ObjectStoreException;
import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.worker.persistence.PageAttemptsTable;
import dev.colorize.worker.service.PageStore;
import dev.colorize.worker.support.Eventually;
import dev.colorize.worker.support.OtherWorker;
import dev.colorize.worker.support.Pages;
import dev.colorize.worker.support.TestStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class PageAttemptsIT {

    private static final int LIMIT = 3; // colorize.worker.jobs.max-attempts

    @Inject
    TestStack stack;

    @Inject
    PageAttemptsTable attempts;

    @Test
    void aPageThatKillsEveryWorkerIsGivenUpAfterThreeAttemptsAndReportedFailedNotHandedOnForever() throws Exception {
        stack.freshProduction();
        String topic = "jobs-poison-" + UUID.randomUUID();
        String group = "poison-workers-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        stack.pages.enqueue(topic, chapter, 1, 64, 64);

        // a store that accepts connections and never answers: each worker dies while it holds the page
        try (ServerSocket silent = new ServerSocket(0)) {
            ObjectStore hanging = new ObjectStore(new ObjectStoreConfig("http://127.0.0.1:" + silent.getLocalPort(),
                    "colorize", "colorize-secret-key", "us-east-1", "colorize"));
            for (int attempt = 1; attempt <= LIMIT; attempt++) {
                OtherWorker doomed = stack.otherWorker("doomed-" + attempt, ModelAliases.PRODUCTION, topic, group, hanging)
                        .start();
                int expected = attempt;
                Eventually.until("attempt " + attempt + " is counted", Duration.ofSeconds(90),
                        () -> stack.pageAttempts(chapter, 1) == expected);
                doomed.kill();
            }
        }
        assertThat(stack.committed(group)).isZero();

        try (OtherWorker healthy = stack.otherWorker("healthy", ModelAliases.PRODUCTION, topic, group, stack.store).start()) {
            PageResult result = stack.pages.awaitResults(chapter, 1, Duration.ofSeconds(90)).get(0);
            assertThat(result.state()).isEqualTo(PageState.FAILED);
            assertThat(result.error()).isEqualTo("page 1: given up after 3 attempts that each failed or stopped a worker"
                    + " (limit 3)");
            assertThat(result.workerId()).isEqualTo("healthy");
            List<ConsumerRecord<String, byte[]>> letters = stack.pages.await(Topics.JOBS_DEAD_LETTER, chapter.toString(),
                    r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_KIND)).isEqualTo("ATTEMPTS_EXHAUSTED");
            assertThat(header(letters.get(0), DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
            Eventually.until("the job is committed", Duration.ofSeconds(10), () -> stack.committed(group) == 1);
            Eventually.until("its count is done with", Duration.ofSeconds(10), () -> stack.pageAttempts(chapter, 1) == 0);
        }
    }

    @Test
    void aPageThatKillsEveryWorkerIsGivenUpAloneThePagesBatchedWithItAreColored() throws Exception {
        stack.freshProduction();
        String topic = "jobs-poison-batch-" + UUID.randomUUID();
        String group = "poison-batch-workers-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        for (int page = 1; page <= 4; page++) { // all queued before a worker starts: its first batch takes them all
            stack.pages.enqueue(topic, chapter, page, 64, 64);
        }
        String poisonKey = "sketches/" + stack.pages.publisher + "/" + chapter + "/2.png";
        AtomicInteger hangs = new AtomicInteger();
        // page 2 stops its worker (its read never returns until the worker is killed); the others read as usual
        PageStore store = stack.pageStore(stack.store);
        PageStore poisoned = new PageStore() {
            @Override
            public byte[] read(String key) {
                if (!key.equals(poisonKey)) {
                    return store.read(key);
                }
                hangs.incrementAndGet();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ObjectStoreException("killed while reading " + key, true, null);
            }

            @Override
            public void write(String key, byte[] content, String mediaType) {
                store.write(key, content, mediaType);
            }
        };
        for (int attempt = 1; attempt <= LIMIT; attempt++) {
            OtherWorker doomed = stack.otherWorker("doomed-batch-" + attempt, ModelAliases.PRODUCTION, topic, group,
                    poisoned).start();
            int expected = attempt;
            Eventually.until("worker " + attempt + " hangs on page 2", Duration.ofSeconds(90), () -> hangs.get() == expected);
            doomed.kill();
        }
        assertThat(stack.committed(group)).isZero();

        try (OtherWorker healthy = stack.otherWorker("healthy-batch", ModelAliases.PRODUCTION, topic, group, stack.store)
                .start()) {
            List<PageResult> results = stack.pages.awaitResults(chapter,
                    r -> r.stream().filter(x -> x.workerId().equals("healthy-batch")).count() >= 4, Duration.ofSeconds(90));
            Map<Integer, PageResult> byHealthy = Pages.byPage(results.stream()
                    .filter(r -> r.workerId().equals("healthy-batch")).toList());
            assertThat(byHealthy.get(2).state()).isEqualTo(PageState.FAILED);
            assertThat(byHealthy.get(2).error()).isEqualTo("page 2: given up after 3 attempts that each failed or"
                    + " stopped a worker (limit 3)");
            assertThat(List.of(byHealthy.get(1), byHealthy.get(3), byHealthy.get(4))).extracting(PageResult::state)
                    .containsOnly(PageState.DONE);
            Eventually.until("the jobs are committed", Duration.ofSeconds(10), () -> stack.committed(group) == 4);
            for (int page = 1; page <= 4; page++) {
                int p = page;
                Eventually.until("page " + p + "'s count is done with", Duration.ofSeconds(10),
                        () -> stack.pageAttempts(chapter, p) == 0);
            }
        }
    }

    @Test
    void eachRevisionOfAPageIsCountedOnItsOwnSoARecolorNeitherInheritsNorEndsTheUploadsCount() {
        UUID chapter = UUID.randomUUID();
        PageJob upload = stack.pages.job(chapter, 1, "sketches/x/" + chapter + "/0001.png", OutputFormat.PNG, null);
        PageJob recolor = upload.withHints("sketches/x/" + chapter + "/0001-r1.hints.json", 1);
        attempts.begin(List.of(upload));
        attempts.begin(List.of(upload)); // the upload's job stopped two workers

        assertThat(attempts.begin(List.of(recolor))).containsExactly(1);
        attempts.finished(List.of(recolor)); // the recolor is done, or given up

        assertThat(attempts.begin(List.of(upload))).containsExactly(3);
        attempts.finished(List.of(upload));
    }

    @Test
    void aColoredPageLeavesNoCountBehind() throws Exception {
        stack.ensureProduction();
        UUID chapter = UUID.randomUUID();
        stack.pages.enqueue(Topics.JOBS, chapter, 1, 64, 64);
        assertThat(stack.pages.awaitResults(chapter, 1, Duration.ofSeconds(60)).get(0).state())
                .isEqualTo(PageState.DONE);
        Eventually.until("its count is done with", Duration.ofSeconds(10), () -> stack.pageAttempts(chapter, 1) == 0);
    }

    @Test
    void aPageTakenByAWorkerShowsAsProcessingUntilTheIngestServiceRecordsItsResult() throws Exception {
        stack.ensureProduction();
        String topic = "jobs-taken-" + UUID.randomUUID();
        UUID chapter = UUID.randomUUID();
        stack.queuedPage(chapter, 1);
        assertThat(stack.pageState(chapter, 1)).isEqualTo("queued");

        // the worker holds the page (its store never answers): counted in its own table, shown as processing
        stack.pages.enqueue(topic, chapter, 1, 64, 64);
        try (ServerSocket silent = new ServerSocket(0)) {
            ObjectStore hanging = new ObjectStore(new ObjectStoreConfig("http://127.0.0.1:" + silent.getLocalPort(),
                    "colorize", "colorize-secret-key", "us-east-1", "colorize"));
            OtherWorker holding = stack.otherWorker("holding", ModelAliases.PRODUCTION, topic,
                    "taken-" + UUID.randomUUID(), hanging).start();
            Eventually.until("the page is taken", Duration.ofSeconds(90), () -> stack.pageAttempts(chapter, 1) == 1);
            assertThat(stack.pageState(chapter, 1)).isEqualTo("processing");
            // the ingest service records a result: that is what the page shows, whatever the worker's table holds
            stack.recordResult(chapter, 1, "done");
            assertThat(stack.pageState(chapter, 1)).isEqualTo("done");
            holding.kill();
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
