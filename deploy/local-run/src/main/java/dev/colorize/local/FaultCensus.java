package dev.colorize.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorize.platform.messaging.MessageCodec;
import dev.colorize.platform.messaging.PageJob;
import dev.colorize.platform.messaging.PageResult;
import dev.colorize.platform.messaging.Topics;
import dev.colorize.platform.storage.ObjectKeys;
import dev.colorize.platform.storage.ObjectStore;
import dev.colorize.platform.storage.ObjectStoreConfig;
import dev.colorize.platform.coloring.PageRef;
import dev.colorize.platform.webhook.ChapterWebhook;
import dev.colorize.platform.webhook.PageRecoloredWebhook;
import dev.colorize.stack.StackEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * many results the ingest applied or ignored as duplicates (its metrics). The same counts per recolor revision the
 * flood made ({@link RecolorFlood}), and what became of the poison page and of the pages its victims held
 * ({@link PoisonPageKiller}). Page columns count the uploads' colorings (revision 0); recolors are counted apart.
 */
final class FaultCensus {

    private static final Pattern RESULTS_METRIC =
            Pattern.compile("^colorize_ingest_results_total\\{([^}]*)}\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);
    /** The only answers a recolor of a finished page may get in the flood: made, too many in work, too many made. */
    static final Set<String> RECOLOR_ANSWERS = Set.of("202", "429 recolors-in-work", "409 too-many-revisions");

    /** A chapter of the run: its publisher (name, id) and that publisher's API. */
    record RunChapter(UUID id, String publisher, UUID publisherId, JsonHttp api) {
    }

    /**
     * One chapter's counts; "twice" columns count pages seen more than once. {@code poisonPage} is the page expected to
     * fail (0: none): its chapter completes with errors, that page alone FAILED and without a result object.
     */
    record ChapterRow(int number, String publisher, String state, int pages, int pagesDone, int resultObjects,
            int pagesWithOneObject, int jobs, int pagesJobbedTwice, int results, int pagesResultedTwice,
            int pagesTakenAgain, int webhookRequests, int validWebhooks, int webhookIds, int poisonPage,
            List<Integer> failedPages, String failures) {

        boolean holds() {
            int failing = poisonPage == 0 ? 0 : 1;
            return state.equals(poisonPage == 0 ? "completed" : "completed_with_errors") && pagesDone == pages - failing
                    && failedPages.equals(poisonPage == 0 ? List.of() : List.of(poisonPage))
                    && resultObjects == pages - failing && pagesWithOneObject == pages - failing
                    && validWebhooks == 1 && webhookIds == 1;
        }
    }

    /** One accepted recolor revision's counts. */
    record RecolorRow(RecolorFlood.Revision revision, String state, int resultObjects, int jobs, int results,
            int validWebhooks, int webhookIds) {

        boolean holds() {
            return state.equals("done") && resultObjects == 1 && validWebhooks == 1 && webhookIds == 1;
        }
    }

    /** What became of the poison page: its state and reason, the kills, and the pages its victims held. */
    record PoisonRow(PageAttemptsWatch.Page page, String publisher, String state, String error,
            List<PoisonPageKiller.Kill> kills, int heldWithIt, Map<String, Long> heldWithItByPublisher,
            int heldWithItDone, int heldWithItMostAttempts, List<String> problems) {

        boolean holds() {
            return state.equals("failed") && error != null && !kills.isEmpty() && heldWithItDone == heldWithIt
                    && problems.isEmpty();
        }
    }

    private final List<ChapterRow> rows;
    private final List<RecolorRow> recolors;
    private final Map<String, Long> recolorAnswers;
    private final List<String> recolorProblems;
    private final PoisonRow poison;
    private final long appliedDone;
    private final long appliedFailed;
    private final long ignoredResults;
    private final int heldByKilled;
    private final int heldTakenAgain;
    private final int heldDone;

    private FaultCensus(List<ChapterRow> rows, List<RecolorRow> recolors, Map<String, Long> recolorAnswers,
            List<String> recolorProblems, PoisonRow poison, Map<String, Long> applied, int heldByKilled,
            int heldTakenAgain, int heldDone) {
        this.rows = rows;
        this.recolors = recolors;
        this.recolorAnswers = recolorAnswers;
        this.recolorProblems = recolorProblems;
        this.poison = poison;
        this.appliedDone = applied.getOrDefault("DONE/true", 0L);
        this.appliedFailed = applied.getOrDefault("FAILED/true", 0L);
        this.ignoredResults = applied.entrySet().stream().filter(e -> e.getKey().endsWith("/false"))
                .mapToLong(Map.Entry::getValue).sum();
        this.heldByKilled = heldByKilled;
        this.heldTakenAgain = heldTakenAgain;
        this.heldDone = heldDone;
    }

    static FaultCensus take(StackEndpoints endpoints, List<RunChapter> chapters, List<WebhookReceiver.Received> webhooks,
            Map<PageAttemptsWatch.Page, Integer> highestAttempts, Set<PageAttemptsWatch.Page> heldByKilled,
            PoisonPageKiller poisonKiller, RecolorFlood flood, String ingestBaseUrl)
            throws IOException, InterruptedException {
        Map<RecolorFlood.Revision, Long> jobs = perRevision(TopicRecords.all(endpoints.kafkaBootstrap(), Topics.JOBS),
                r -> revision(MessageCodec.decode(r.value(), PageJob.class).page()));
        Map<RecolorFlood.Revision, Long> results = perRevision(
                TopicRecords.all(endpoints.kafkaBootstrap(), Topics.RESULTS),
                r -> revision(MessageCodec.decode(r.value(), PageResult.class).page()));
        ObjectStore store = new ObjectStore(new ObjectStoreConfig(endpoints.s3Endpoint(), endpoints.s3AccessKey(),
                endpoints.s3SecretKey(), endpoints.s3Region(), ObjectStoreConfig.DEFAULT_BUCKET));
        Map<UUID, List<WebhookReceiver.Received>> hooks = new HashMap<>();
        Map<RecolorFlood.Revision, List<WebhookReceiver.Received>> recolorHooks = new HashMap<>();
        for (WebhookReceiver.Received hook : webhooks) {
            if (PageRecoloredWebhook.TYPE.equals(JsonHttp.JSON.readTree(hook.body()).path("type").asText())) {
                var data = PageRecoloredWebhook.parse(hook.body()).data();
                recolorHooks.computeIfAbsent(new RecolorFlood.Revision(data.chapterId(), data.pageNumber(),
                        data.revision()), k -> new ArrayList<>()).add(hook);
            } else {
                hooks.computeIfAbsent(ChapterWebhook.parse(hook.body()).data().chapterId(), k -> new ArrayList<>())
                        .add(hook);
            }
        }
        PageAttemptsWatch.Page poisonPage = poisonKiller == null ? null : poisonKiller.page();

        List<ChapterRow> rows = new ArrayList<>();
        Map<RecolorFlood.Revision, Long> objects = new HashMap<>();
        Map<PageAttemptsWatch.Page, String> pageStates = new HashMap<>();
        Map<PageAttemptsWatch.Page, String> pageErrors = new HashMap<>();
        String poisonPublisher = null;
        for (int i = 0; i < chapters.size(); i++) {
            RunChapter chapter = chapters.get(i);
            JsonNode status = chapter.api().get("/v1/chapters/" + chapter.id());
            int pages = status.get("pageCount").asInt();
            store.list(ObjectKeys.resultPrefix(chapter.publisherId(), chapter.id())).forEach(key ->
                    objects.merge(revisionOfResultKey(chapter.id(), key), 1L, Long::sum));
            int jobCount = 0;
            int jobbedTwice = 0;
            int resultCount = 0;
            int resultedTwice = 0;
            int takenAgain = 0;
            int objectCount = 0;
            int withOneObject = 0;
            for (int n = 1; n <= pages; n++) {
                var upload = new RecolorFlood.Revision(chapter.id(), n, 0);
                long j = jobs.getOrDefault(upload, 0L);
                long r = results.getOrDefault(upload, 0L);
                long o = objects.getOrDefault(upload, 0L);
                jobCount += j;
                jobbedTwice += j > 1 ? 1 : 0;
                resultCount += r;
                resultedTwice += r > 1 ? 1 : 0;
                objectCount += o;
                withOneObject += o == 1 ? 1 : 0;
                takenAgain += highestAttempts.getOrDefault(new PageAttemptsWatch.Page(chapter.id(), n), 0) >= 2 ? 1 : 0;
            }
            List<Integer> failed = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (JsonNode page : status.get("pages")) {
                var key = new PageAttemptsWatch.Page(chapter.id(), page.get("pageNumber").asInt());
                pageStates.put(key, page.get("state").asText());
                pageErrors.put(key, page.path("error").isNull() ? null : page.path("error").asText(null));
                if ("failed".equals(page.get("state").asText())) {
                    failed.add(key.pageNumber());
                    failures.add(page.path("error").asText());
                }
            }
            List<WebhookReceiver.Received> received = hooks.getOrDefault(chapter.id(), List.of());
            int poisoned = poisonPage != null && poisonPage.chapterId().equals(chapter.id()) ? poisonPage.pageNumber() : 0;
            rows.add(new ChapterRow(i + 1, chapter.publisher(), status.get("state").asText(), pages,
                    status.get("pagesDone").asInt(), objectCount, withOneObject, jobCount, jobbedTwice, resultCount,
                    resultedTwice, takenAgain, received.size(),
                    (int) received.stream().filter(WebhookReceiver.Received::signatureValid).count(),
                    (int) received.stream().map(WebhookReceiver.Received::id).distinct().count(), poisoned, failed,
                    String.join("; ", failures)));
            if (poisoned != 0) {
                poisonPublisher = chapter.publisher();
            }
        }
        // once every chapter's pages are known: the victims held pages of chapters uploaded after the poison page's
        PoisonRow poison = poisonPublisher == null ? null
                : poisonRow(poisonKiller, poisonPublisher, chapters, pageStates, pageErrors, highestAttempts);
        int heldTakenAgain = (int) heldByKilled.stream().filter(p -> highestAttempts.getOrDefault(p, 0) >= 2).count();
        int heldDone = (int) heldByKilled.stream().filter(p -> "done".equals(pageStates.get(p))).count();

        List<RecolorRow> recolors = new ArrayList<>();
        List<String> recolorProblems = new ArrayList<>();
        Map<RecolorFlood.Revision, String> revisionStates = new HashMap<>();
        Map<UUID, RunChapter> byId = chapters.stream().collect(Collectors.toMap(RunChapter::id, c -> c));
        for (PageAttemptsWatch.Page page : flood.answers().stream()
                .map(a -> new PageAttemptsWatch.Page(a.chapterId(), a.pageNumber())).collect(Collectors.toSet())) {
            JsonNode listed = byId.get(page.chapterId()).api().get("/v1/chapters/" + page.chapterId() + "/pages/"
                    + page.pageNumber() + "/revisions");
            for (JsonNode r : listed) {
                revisionStates.put(new RecolorFlood.Revision(page.chapterId(), page.pageNumber(), r.get("revision").asInt()),
                        r.get("state").asText());
            }
        }
        Set<RecolorFlood.Revision> accepted = flood.accepted();
        revisionStates.keySet().stream().filter(r -> !accepted.contains(r)).forEach(r ->
                recolorProblems.add("revision " + r.revision() + " of page " + r.pageNumber() + " exists, but no answer named it"));
        accepted.stream().sorted(Comparator.comparing(RecolorFlood.Revision::pageNumber)
                .thenComparing(RecolorFlood.Revision::revision)).forEach(r -> {
                    List<WebhookReceiver.Received> received = recolorHooks.getOrDefault(r, List.of());
                    recolors.add(new RecolorRow(r, revisionStates.getOrDefault(r, "missing"),
                            objects.getOrDefault(r, 0L).intValue(), jobs.getOrDefault(r, 0L).intValue(),
                            results.getOrDefault(r, 0L).intValue(),
                            (int) received.stream().filter(WebhookReceiver.Received::signatureValid).count(),
                            (int) received.stream().map(WebhookReceiver.Received::id).distinct().count()));
                });
        Map<String, Long> answers = flood.byStatus();
        answers.keySet().stream().filter(a -> !RECOLOR_ANSWERS.contains(a)).forEach(a ->
                recolorProblems.add("answer '" + a + "' is none of " + RECOLOR_ANSWERS));
        flood.answers().stream().filter(a -> a.idempotencyKey() != null && a.status() == 202)
                .collect(Collectors.groupingBy(RecolorFlood.Answer::idempotencyKey,
                        Collectors.mapping(RecolorFlood.Answer::revision, Collectors.toSet())))
                .forEach((key, revisions) -> {
                    if (revisions.size() != 1) {
                        recolorProblems.add("Idempotency-Key " + key + " made revisions " + revisions);
                    }
                });
        return new FaultCensus(rows, recolors, answers, recolorProblems, poison, resultsApplied(ingestBaseUrl),
                heldByKilled.size(), heldTakenAgain, heldDone);
    }

    private static PoisonRow poisonRow(PoisonPageKiller killer, String publisher, List<RunChapter> chapters,
            Map<PageAttemptsWatch.Page, String> states, Map<PageAttemptsWatch.Page, String> errors,
            Map<PageAttemptsWatch.Page, Integer> highestAttempts) {
        Set<PageAttemptsWatch.Page> held = killer.kills().stream().flatMap(k -> k.heldWithIt().stream())
                .collect(Collectors.toSet());
        Map<UUID, String> publisherOf = chapters.stream()
                .collect(Collectors.toMap(RunChapter::id, RunChapter::publisher));
        return new PoisonRow(killer.page(), publisher, states.get(killer.page()), errors.get(killer.page()),
                killer.kills(), held.size(), held.stream().collect(Collectors.groupingBy(
                        p -> publisherOf.get(p.chapterId()), TreeMap::new, Collectors.counting())), (int) held.stream().filter(p -> "done".equals(states.get(p))).count(),
                held.stream().mapToInt(p -> highestAttempts.getOrDefault(p, 0)).max().orElse(0), killer.problems());
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
        int pagesDone = sum(ChapterRow::pagesDone);
        long recolorsDone = recolors.stream().filter(r -> r.state().equals("done")).count();
        return rows.stream().allMatch(ChapterRow::holds) && appliedDone == pagesDone + recolorsDone
                && appliedFailed == (poison == null ? 0 : 1) && heldDone == heldByKilled
                && (poison == null || poison.holds()) && recolors.stream().allMatch(RecolorRow::holds)
                && recolorProblems.isEmpty();
    }

    String report(List<String> faults, FaultInjectionRun.Options options, String seconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%d chapters x %d pages (%d px high), 2 workers, outages of %d s; run took %s s%n%n",
                options.chapters(), options.pagesPerChapter(), options.pageHeight(), options.outage().toSeconds(), seconds));
        faults.forEach(f -> md.append("- ").append(f).append('\n'));
        md.append('\n');
        md.append("| chapter | publisher | state | pages done | result objects (pages with exactly one) | jobs on "
                + "colorize.jobs (pages with more than one) | results on colorize.results (pages with more than one) | "
                + "pages taken again (page_attempts >= 2) | webhook requests (valid signature, delivery ids) | failed pages |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (ChapterRow r : rows) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %d / %d | %d (%d) | %d (%d) | %d (%d) | %d | %d (%d, %d) | %s |%n",
                    r.number(), r.publisher(), r.state(), r.pagesDone(), r.pages(), r.resultObjects(),
                    r.pagesWithOneObject(), r.jobs(), r.pagesJobbedTwice(), r.results(), r.pagesResultedTwice(),
                    r.pagesTakenAgain(), r.webhookRequests(), r.validWebhooks(), r.webhookIds(),
                    r.failedPages().isEmpty() ? "" : r.failedPages() + " " + r.failures()));
        }
        md.append(String.format(Locale.ROOT, "| all | | %d of %d completed | %d / %d | %d (%d) | %d (%d) | %d (%d) | %d | %d (%d, %d) | %d |%n%n",
                count(r -> r.state().startsWith("completed")), rows.size(), sum(ChapterRow::pagesDone), sum(ChapterRow::pages),
                sum(ChapterRow::resultObjects), sum(ChapterRow::pagesWithOneObject), sum(ChapterRow::jobs),
                sum(ChapterRow::pagesJobbedTwice), sum(ChapterRow::results), sum(ChapterRow::pagesResultedTwice),
                sum(ChapterRow::pagesTakenAgain), sum(ChapterRow::webhookRequests), sum(ChapterRow::validWebhooks),
                sum(ChapterRow::webhookIds), sum(r -> r.failedPages().size())));
        md.append(String.format(Locale.ROOT, "- Results the ingest applied: %d DONE (pages and recolors), %d FAILED; "
                + "results it ignored as already recorded: %d (colorize_ingest_results_total).%n", appliedDone,
                appliedFailed, ignoredResults));
        md.append(String.format(Locale.ROOT, "- Pages the killed worker held in work: %d; taken again by the other "
                + "worker (attempts 2): %d; done now: %d.%n", heldByKilled, heldTakenAgain, heldDone));
        if (poison != null) {
            md.append(String.format(Locale.ROOT, "- Poison page: %s's chapter %s page %d, %s: \"%s\". Workers it killed: %s. "
                    + "Other pages those workers held in work when killed: %d %s, done now: %d, most attempts any of "
                    + "them was charged: %d.%s%n", poison.publisher(), poison.page().chapterId(), poison.page().pageNumber(),
                    poison.state(), poison.error(), poison.kills().stream().map(k -> "attempt " + k.attempt() + " "
                            + k.worker() + " (pid " + k.pid() + ", " + k.heldWithIt().size() + " other pages)")
                            .collect(Collectors.joining(", ")), poison.heldWithIt(), poison.heldWithItByPublisher(),
                    poison.heldWithItDone(),
                    poison.heldWithItMostAttempts(),
                    poison.problems().isEmpty() ? "" : " Problems: " + String.join("; ", poison.problems())));
        }
        md.append(String.format(Locale.ROOT, "- Recolor flood: %d requests, answers %s; %d revisions made: %d done with "
                + "exactly one result object, one signed page.recolored delivery (%d jobs, %d results on the topics)%s.%n",
                recolorAnswers.values().stream().mapToLong(Long::longValue).sum(), recolorAnswers, recolors.size(),
                recolors.stream().filter(RecolorRow::holds).count(), recolors.stream().mapToInt(RecolorRow::jobs).sum(),
                recolors.stream().mapToInt(RecolorRow::results).sum(),
                recolorProblems.isEmpty() ? "" : "; problems: " + String.join("; ", recolorProblems)));
        recolors.stream().filter(r -> !r.holds()).forEach(r -> md.append("  - NOT AS EXPECTED: ").append(r).append('\n'));
        md.append("- Verdict: ").append(holds() ? "every invariant holds" : "AN INVARIANT IS BROKEN (see the rows)")
                .append(": every chapter completed, every page but the poison page done with exactly one result "
                        + "object, the poison page alone FAILED, exactly one signed webhook delivery per chapter and per "
                        + "recolor, each result applied once, every accepted recolor done, every refused one 429 or 409.\n");
        return md.toString();
    }

    private int sum(ToIntFunction<ChapterRow> column) {
        return rows.stream().mapToInt(column).sum();
    }

    private long count(Predicate<ChapterRow> which) {
        return rows.stream().filter(which).count();
    }

    private static RecolorFlood.Revision revision(PageRef page) {
        return new RecolorFlood.Revision(page.chapterId(), page.pageNumber(), page.revision());
    }

    private static Map<RecolorFlood.Revision, Long> perRevision(List<ConsumerRecord<byte[], byte[]>> records,
            Function<ConsumerRecord<byte[], byte[]>, RecolorFlood.Revision> revision) {
        return records.stream().collect(Collectors.groupingBy(revision, Collectors.counting()));
    }

    /** results/{publisher}/{chapter}/{page:04d}[-r{revision}]-v{version}.{ext} -> the page's revision. */
    static RecolorFlood.Revision revisionOfResultKey(UUID chapter, String key) {
        Matcher m = RESULT_NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
        if (!m.lookingAt()) {
            throw new IllegalStateException("not a result key: " + key);
        }
        return new RecolorFlood.Revision(chapter, Integer.parseInt(m.group(1)),
                m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    private static final Pattern RESULT_NAME = Pattern.compile("(\\d+)(?:-r(\\d+))?-");

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
