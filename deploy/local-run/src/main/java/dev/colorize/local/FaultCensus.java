package dev.colorize.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.storage.ObjectStoreConfig;
import dev.colorize.platform.webhook.ChapterWebhook;
import dev.colorize.stack.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * After a fault-injection run, everything counted where it can be lost or duplicated: each chapter's state
 * and pages (ingest API), the result objects per page (S3), the jobs and results per page (the Kafka
 * topics, read from the start), the pages taken again after an attempt without outcome (page_attempts,
 * watched during the run), the webhook requests per chapter (the receiver, signatures checked), and how
 * many results the ingest applied or ignored as duplicates (its metrics).
 */
final class FaultCensus {

    private static final Pattern RESULTS_METRIC =
            Pattern.compile("^colorize_ingest_results_total\\{([^}]*)}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);

    /** One chapter's counts; "twice" columns count pages seen more than once. */
    record ChapterRow(int number, String state, int pages, int pagesDone, int resultObjects, int pagesWithOneObject,
            int jobs, int pagesJobbedTwice, int results, int pagesResultedTwice, int pagesTakenAgain,
            int webhookRequests, int validWebhooks, int webhookIds) {

        boolean holds() {
            return state.equals("completed") && pagesDone == pages && resultObjects == pages
                    && pagesWithOneObject == pages && validWebhooks == 1 && webhookIds == 1;
        }
    }

    private final List<ChapterRow> rows;
    private final long appliedDone;
    private final long ignoredResults;
    private final int heldByKilled;
    private final int heldTakenAgain;
    private final int heldDone;

    private FaultCensus(List<ChapterRow> rows, long appliedDone, long ignoredResults, int heldByKilled,
            int heldTakenAgain, int heldDone) {
        this.rows = rows;
        this.appliedDone = appliedDone;
        this.ignoredResults = ignoredResults;
        this.heldByKilled = heldByKilled;
        this.heldTakenAgain = heldTakenAgain;
        this.heldDone = heldDone;
    }

    static FaultCensus take(StackEndpoints endpoints, UUID publisherId, List<UUID> chapters, JsonHttp api,
            List<WebhookReceiver.Received> webhooks, Map<PageAttemptsWatch.Page, Integer> highestAttempts,
            Set<PageAttemptsWatch.Page> heldByKilled, String ingestBaseUrl) throws IOException, InterruptedException {
        Map<PageAttemptsWatch.Page, Long> jobs = perPage(TopicRecords.all(endpoints.kafkaBootstrap(), Topics.JOBS),
                r -> page(MessageCodec.decode(r.value(), PageJob.class)));
        Map<PageAttemptsWatch.Page, Long> results = perPage(TopicRecords.all(endpoints.kafkaBootstrap(), Topics.RESULTS),
                r -> page(MessageCodec.decode(r.value(), PageResult.class)));
        ObjectStore store = new ObjectStore(new ObjectStoreConfig(endpoints.s3Endpoint(), endpoints.s3AccessKey(),
                endpoints.s3SecretKey(), endpoints.s3Region(), ObjectStoreConfig.DEFAULT_BUCKET));
        Map<UUID, List<WebhookReceiver.Received>> hooks = webhooks.stream()
                .collect(Collectors.groupingBy(w -> ChapterWebhook.parse(w.body()).data().chapterId()));

        List<ChapterRow> rows = new ArrayList<>();
        int heldDone = 0;
        for (int i = 0; i < chapters.size(); i++) {
            UUID chapter = chapters.get(i);
            JsonNode status = api.get("/v1/chapters/" + chapter);
            int pages = status.get("pageCount").asInt();
            Map<Integer, Long> objects = store.list(ObjectKeys.resultPrefix(publisherId, chapter)).stream()
                    .collect(Collectors.groupingBy(FaultCensus::pageOfResultKey, Collectors.counting()));
            int jobCount = 0;
            int jobbedTwice = 0;
            int resultCount = 0;
            int resultedTwice = 0;
            int takenAgain = 0;
            for (int n = 1; n <= pages; n++) {
                var page = new PageAttemptsWatch.Page(chapter, n);
                long j = jobs.getOrDefault(page, 0L);
                long r = results.getOrDefault(page, 0L);
                jobCount += j;
                jobbedTwice += j > 1 ? 1 : 0;
                resultCount += r;
                resultedTwice += r > 1 ? 1 : 0;
                takenAgain += highestAttempts.getOrDefault(page, 0) >= 2 ? 1 : 0;
            }
            for (JsonNode page : status.get("pages")) {
                var key = new PageAttemptsWatch.Page(chapter, page.get("pageNumber").asInt());
                heldDone += heldByKilled.contains(key) && "done".equals(page.get("state").asText()) ? 1 : 0;
            }
            List<WebhookReceiver.Received> received = hooks.getOrDefault(chapter, List.of());
            rows.add(new ChapterRow(i + 1, status.get("state").asText(), pages, status.get("pagesDone").asInt(),
                    objects.values().stream().mapToInt(Long::intValue).sum(),
                    (int) objects.values().stream().filter(c -> c == 1).count(), jobCount, jobbedTwice, resultCount,
                    resultedTwice, takenAgain, received.size(),
                    (int) received.stream().filter(WebhookReceiver.Received::signatureValid).count(),
                    (int) received.stream().map(WebhookReceiver.Received::id).distinct().count()));
        }
        int heldTakenAgain = (int) heldByKilled.stream().filter(p -> highestAttempts.getOrDefault(p, 0) >= 2).count();
        Map<String, Long> applied = resultsApplied(ingestBaseUrl);
        return new FaultCensus(rows, applied.getOrDefault("DONE/true", 0L),
                applied.entrySet().stream().filter(e -> e.getKey().endsWith("/false")).mapToLong(Map.Entry::getValue).sum(),
                heldByKilled.size(), heldTakenAgain, heldDone);
    }

    /** Which partition of the jobs topic each chapter's jobs are on (they are keyed by chapter). */
    static Map<UUID, Integer> partitionsOfChapters(String bootstrap) {
        Map<UUID, Integer> partitions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TopicRecords.all(bootstrap, Topics.JOBS)) {
            partitions.put(MessageCodec.decode(r.value(), PageJob.class).chapterId(), r.partition());
        }
        return partitions;
    }

    boolean holds() {
        int pages = rows.stream().mapToInt(ChapterRow::pages).sum();
        return rows.stream().allMatch(ChapterRow::holds) && appliedDone == pages && heldDone == heldByKilled;
    }

    String report(List<String> faults, FaultInjectionRun.Options options, String seconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d chapters x %d pages (%d px high), 2 workers, outages of %d s; run took %s s%n%n",
                options.chapters(), options.pagesPerChapter(), options.pageHeight(), options.outage().toSeconds(), seconds));
        faults.forEach(f -> md.append("- ").append(f).append('\n'));
        md.append('\n');
        md.append("| chapter | state | pages done | result objects (pages with exactly one) | jobs on colorize.jobs "
                + "(pages with more than one) | results on colorize.results (pages with more than one) | pages taken "
                + "again (page_attempts >= 2) | webhook requests (valid signature, delivery ids) |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ChapterRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d / %d | %d (%d) | %d (%d) | %d (%d) | %d | %d (%d, %d) |%n",
                    r.number(), r.state(), r.pagesDone(), r.pages(), r.resultObjects(), r.pagesWithOneObject(), r.jobs(),
                    r.pagesJobbedTwice(), r.results(), r.pagesResultedTwice(), r.pagesTakenAgain(), r.webhookRequests(),
                    r.validWebhooks(), r.webhookIds()));
        }
        md.append(String.format(Locale.ROOT, "| all | %d of %d completed | %d / %d | %d (%d) | %d (%d) | %d (%d) | %d | %d (%d, %d) |%n%n",
                count(r -> r.state().equals("completed")), rows.size(), sum(ChapterRow::pagesDone), sum(ChapterRow::pages),
                sum(ChapterRow::resultObjects), sum(ChapterRow::pagesWithOneObject), sum(ChapterRow::jobs),
                sum(ChapterRow::pagesJobbedTwice), sum(ChapterRow::results), sum(ChapterRow::pagesResultedTwice),
                sum(ChapterRow::pagesTakenAgain), sum(ChapterRow::webhookRequests), sum(ChapterRow::validWebhooks),
                sum(ChapterRow::webhookIds)));
        md.append(String.format(Locale.ROOT, "- Results the ingest applied (DONE): %d; results it ignored as already "
                + "recorded: %d (colorize_ingest_results_total).%n", appliedDone, ignoredResults));
        md.append(String.format(Locale.ROOT, "- Pages the killed worker held in work: %d; taken again by the other "
                + "worker (attempts 2): %d; done now: %d.%n", heldByKilled, heldTakenAgain, heldDone));
        md.append("- Verdict: ").append(holds() ? "every invariant holds" : "AN INVARIANT IS BROKEN (see the rows)")
                .append(": every chapter completed, every page done with exactly one result object, exactly one signed "
                        + "webhook delivery per chapter, each page's result applied once.\n");
        return md.toString();
    }

    private int sum(ToIntFunction<ChapterRow> column) {
        return rows.stream().mapToInt(column).sum();
    }

    private long count(Predicate<ChapterRow> which) {
        return rows.stream().filter(which).count();
    }

    private static PageAttemptsWatch.Page page(PageJob job) {
        return new PageAttemptsWatch.Page(job.chapterId(), job.pageNumber());
    }

    private static PageAttemptsWatch.Page page(PageResult result) {
        return new PageAttemptsWatch.Page(result.chapterId(), result.pageNumber());
    }

    private static Map<PageAttemptsWatch.Page, Long> perPage(List<ConsumerRecord<byte[], byte[]>> records,
            Function<ConsumerRecord<byte[], byte[]>, PageAttemptsWatch.Page> page) {
        return records.stream().collect(Collectors.groupingBy(page, Collectors.counting()));
    }

    /** results/{publisher}/{chapter}/{page:04d}-v{version}.{ext} -> the page number. */
    private static int pageOfResultKey(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        return Integer.parseInt(name.substring(0, name.indexOf('-')));
    }

    /** "status/applied" -> count, from the ingest's Prometheus metrics. */
    private static Map<String, Long> resultsApplied(String ingestBaseUrl) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ingestBaseUrl + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> counts = new HashMap<>();
        Matcher m = RESULTS_METRIC.matcher(metrics);
        while (m.find()) {
            String labels = m.group(1);
            counts.merge(label(labels, "status") + "/" + label(labels, "applied"), (long) Double.parseDouble(m.group(2)),
                    Long::sum);
        }
        return counts;
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "";
    }
}
