package dev.colorize.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorize.stack.EmbeddedStack;
import dev.colorize.stack.FreePorts;
import dev.colorize.stack.StackEndpoints;
import dev.colorize.stack.StackOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * deploy/fault-run.sh, the reliability proof of issue 13: chapters colored by two workers on the embedded
 * stack while S3 is stopped for a while, Kafka is stopped for a while and one worker is killed with
 * SIGKILL while it holds pages in work; then every place a page or webhook could be lost or duplicated is
 * counted ({@link FaultCensus}) and printed as a table. Exit 0 when every invariant holds, 1 otherwise.
 *
 * <p>Each fault is aimed at work in flight: Kafka goes down once pages are being colored (and chapters are
 * uploaded during the outage, into the outbox), S3 once pages are taken, and worker-a is killed once the
 * page_attempts table shows pages of its partitions taken without an outcome. Then (issue 26) a third publisher's
 * poison page is uploaded between two other publishers' chapters and kills every worker that works on it
 * ({@link PoisonPageKiller}), while a recolor flood hits two finished pages ({@link RecolorFlood}): only the poison
 * page may fail, and every accepted recolor must be done once.
 */
public final class FaultInjectionRun {

    private static final String KILLED = "worker-a";
    private static final String SURVIVOR = "worker-b";
    private static final Set<String> FINAL_STATES = Set.of("completed", "completed_with_errors", "failed");
    /** The workers' jobs.max-attempts (their default): the poison page is given up at the attempt after it. */
    private static final int MAX_ATTEMPTS = 3;
    /** The run's ingest recolor.max-revisions. */
    static final int MAX_REVISIONS = 12;
    private static final int POISON_PAGE_HEIGHT = 1132;

    /** What the run does; see {@link #USAGE}. */
    record Options(Path projectRoot, Path output, int chapters, int pagesPerChapter, int pageHeight, Duration outage,
            Duration timeout) {

        static Options parse(String[] args, Path projectRoot) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("--chapters", "10", "--pages", "20",
                    "--page-height", "192", "--outage-seconds", "10", "--timeout-minutes", "20", "--output", "fault-run"));
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
                }
                values.put(args[i], args[i + 1]);
            }
            int chapters = Integer.parseInt(values.get("--chapters"));
            if (chapters < 3) {
                throw new IllegalArgumentException("--chapters must be at least 3: one wave of uploads per fault");
            }
            return new Options(projectRoot, Path.of(values.get("--output")).toAbsolutePath(), chapters,
                    Integer.parseInt(values.get("--pages")), Integer.parseInt(values.get("--page-height")),
                    Duration.ofSeconds(Long.parseLong(values.get("--outage-seconds"))),
                    Duration.ofMinutes(Long.parseLong(values.get("--timeout-minutes"))));
        }
    }

    static final String USAGE = """
            usage: deploy/fault-run.sh [--chapters 10] [--pages 20] [--page-height 192] [--outage-seconds 10]
                                       [--timeout-minutes 20] [--output fault-run]""";

    private final Options options;
    private final PrintStream out;
    private final ServiceWatch services = new ServiceWatch();
    private final List<String> faults = new ArrayList<>();
    private final long begin = System.nanoTime();
    /** The live workers the run may kill, by name. */
    private final Map<String, ServiceProcess> workers = new ConcurrentHashMap<>();
    private final AtomicInteger replacements = new AtomicInteger();
    private volatile Map<String, String> environment;

    FaultInjectionRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("colorize.project.root", ".")).toAbsolutePath().normalize();
        Options options;
        try {
            options = Options.parse(args, root);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        FaultInjectionRun run = new FaultInjectionRun(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stopServices, "stop-services"));
        try {
            FaultCensus census = run.run();
            System.exit(census.holds() ? 0 : 1);
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("fault-run failed: " + FailureReason.of(e) + " (logs in " + options.output().resolve("logs") + ")");
            System.exit(1);
        }
    }

    FaultCensus run() throws Exception {
        Files.createDirectories(options.output());
        say("Starting the embedded stack (temporary data)");
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.temporary());
                WebhookReceiver receiver = new WebhookReceiver()) {
            try {
                return faultedRun(stack, receiver);
            } catch (Exception e) {
                throw services.explain(e); // a service that died unasked, not the fault injected, is the story
            } finally {
                stopServices();
            }
        }
    }

    void stopServices() {
        services.stopAll();
    }

    private FaultCensus faultedRun(EmbeddedStack stack, WebhookReceiver receiver) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        String adminKey = "fault-run-admin-" + LocalRun.randomHex(16);
        Map<String, ServiceProcess> started = startServices(endpoints, adminKey);
        // the trainer only registers the shipped model on the fresh registry; it has no part in coloring
        started.get("trainer").close();
        ServiceProcess ingest = started.get("ingest-service");

        JsonHttp admin = new JsonHttp(ingest.baseUrl(), adminKey);
        RunPublisher publisher = publisher(admin, receiver, "fault-run");
        List<Path> pages = SampleImages.chapter(options.output().resolve("pages"), options.pagesPerChapter(),
                options.pageHeight());
        List<FaultCensus.RunChapter> chapters = new ArrayList<>();
        int chapterCount = options.chapters();
        int firstWave = Math.max(1, chapterCount * 4 / 10);
        int kafkaWave = Math.max(1, chapterCount * 3 / 10);
        int storeWave = Math.max(1, chapterCount * 2 / 10);

        try (PageAttemptsWatch attempts = new PageAttemptsWatch(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword());
                WorkerPartitions partitions = new WorkerPartitions(endpoints.kafkaBootstrap())) {
            upload(publisher, receiver, pages, chapters, firstWave);
            await("the first page colored", Duration.ofMinutes(5), () -> finishedPages(chapters) > 0);

            // Kafka: results cannot be published nor offsets committed; uploads go on into the outbox
            String kafkaFault = fault("Kafka stopped", unfinishedPages(chapters), stack::stopKafka);
            long stopped = System.nanoTime();
            upload(publisher, receiver, pages, chapters, kafkaWave);
            sleepUntil(stopped + options.outage().toNanos());
            stack.startKafka();
            faults.add(kafkaFault + ", uploads during the outage: " + kafkaWave + " chapters; back after "
                    + seconds(System.nanoTime() - stopped) + " s");
            say("Kafka is back");

            // S3: sketches cannot be read nor results written while pages are in work
            upload(publisher, receiver, pages, chapters, storeWave);
            await("pages in work", Duration.ofMinutes(3), () -> !inWork(attempts).isEmpty());
            String storeFault = fault("S3 stopped", unfinishedPages(chapters), stack::stopS3);
            stopped = System.nanoTime();
            sleepUntil(stopped + options.outage().toNanos());
            stack.startS3();
            faults.add(storeFault + "; back after " + seconds(System.nanoTime() - stopped) + " s");
            say("S3 is back");

            // SIGKILL worker-a while the table shows pages of its partitions taken without an outcome
            upload(publisher, receiver, pages, chapters, chapterCount - chapters.size());
            Set<PageAttemptsWatch.Page> held = awaitPagesHeldBy(KILLED, partitions, attempts);
            ServiceProcess killed = workers.get(KILLED);
            String killFault = fault(KILLED + " (pid " + killed.pid() + ") killed with SIGKILL holding " + held.size()
                    + " pages in work", unfinishedPages(chapters), killed::kill);
            workers.remove(KILLED);
            faults.add(killFault + "; " + SURVIVOR + " goes on alone");

            RecolorFlood flood = new RecolorFlood();
            PoisonPageKiller poison = poisonAndFlood(admin, publisher, receiver, pages, chapters, attempts, partitions,
                    endpoints, flood);
            try (poison) {
                await("every chapter to finish", options.timeout(), () -> chapters.stream()
                        .allMatch(c -> FINAL_STATES.contains(status(c).get("state").asText())));
                await("every recolor to finish", Duration.ofMinutes(10), () -> recolorsFinished(chapters, flood));
                say("Every chapter and recolor finished; waiting for their webhooks");
                long expected = chapters.size() + flood.accepted().size();
                await("a webhook per chapter and recolor", Duration.ofMinutes(2),
                        () -> receiver.received().stream().filter(WebhookReceiver.Received::signatureValid).count()
                                >= expected);
                Thread.sleep(5000); // time for a duplicate webhook or result to show
            }

            say("Counting");
            FaultCensus census = FaultCensus.take(endpoints, chapters, receiver.received(), attempts.highest(), held,
                    poison, flood, ingest.baseUrl());
            String report = census.report(faults, options, seconds(System.nanoTime() - begin));
            out.println();
            out.println(report);
            Files.writeString(options.output().resolve("report.md"), report);
            say("Report: " + options.output().resolve("report.md") + "; logs: " + options.output().resolve("logs"));
            return census;
        }
    }

    /**
     * The poison page and the recolor flood, with a fresh worker in worker-a's place: chapters of two publishers are
     * uploaded, then a third publisher's chapter whose middle page kills every worker that works on it
     * ({@link PoisonPageKiller}), then chapters of the first two queued behind it ({@link #queueBehind}), so the
     * poison page's batches hold their pages; and meanwhile bursts of recolors of two finished pages of chapter 1
     * ({@link #recolorFlood}).
     */
    private PoisonPageKiller poisonAndFlood(JsonHttp admin, RunPublisher first, WebhookReceiver receiver,
            List<Path> pages, List<FaultCensus.RunChapter> chapters, PageAttemptsWatch attempts,
            WorkerPartitions partitions, StackEndpoints endpoints, RecolorFlood flood) throws Exception {
        startWorker(nextWorkerName());
        RunPublisher neighbour = publisher(admin, receiver, "fault-run-neighbour");
        RunPublisher poisoner = publisher(admin, receiver, "fault-run-poison");
        upload(first, receiver, pages, chapters, 1);
        upload(neighbour, receiver, pages, chapters, 1);
        // a full-size page (800x1132) among two small ones: its forward pass lasts long enough to be caught in work
        List<Path> poisonChapter = List.of(pages.get(0),
                SampleImages.chapter(options.output().resolve("poison-page"), 1, POISON_PAGE_HEIGHT).get(0),
                pages.get(pages.size() - 1));
        upload(poisoner, receiver, poisonChapter, chapters, 1);
        UUID poisoned = chapters.get(chapters.size() - 1).id();
        String behind = queueBehind(poisoned, List.of(first, neighbour), pages.subList(0, Math.min(4, pages.size())),
                receiver, chapters, partitions);
        PoisonPageKiller poison = new PoisonPageKiller(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword(),
                new PageAttemptsWatch.Page(poisoned, 2), MAX_ATTEMPTS, partitions, attempts, new PoisonPageKiller.Workers() {
                    @Override
                    public Optional<ServiceProcess> named(String worker) {
                        return Optional.ofNullable(workers.get(worker));
                    }

                    @Override
                    public void replaceKilled(String worker) throws Exception {
                        workers.remove(worker);
                        startWorker(nextWorkerName());
                    }
                }, this::say);
        faults.add(String.format(Locale.ROOT, "t=%.1f s: poison page uploaded: page 2 of fault-run-poison's chapter "
                + "%s, between chapters of fault-run and fault-run-neighbour (%s); every worker found working on it is "
                + "killed with SIGKILL and replaced", (System.nanoTime() - begin) / 1e9, poisoned, behind));
        try {
            recolorFlood(chapters.get(0), flood);
        } catch (Exception e) {
            poison.close();
            throw e;
        }
        return poison;
    }

    /**
     * Uploads chapters of 4 pages of the publishers until each has one on the poison page's partition of the jobs topic,
     * right behind it (a chapter's jobs are keyed by its id, which the ingest draws): so the batches that take the
     * poison page, and those in the same worker's pipeline, hold their pages. Gives up after 16 chapters.
     */
    private String queueBehind(UUID poisoned, List<RunPublisher> publishers, List<Path> pages, WebhookReceiver receiver,
            List<FaultCensus.RunChapter> chapters, WorkerPartitions partitions) throws Exception {
        int partition = partitions.partitionOf(poisoned, Duration.ofSeconds(30));
        Map<String, Integer> landed = new LinkedHashMap<>();
        int uploaded = 0;
        while (landed.size() < publishers.size() && uploaded < 16) {
            RunPublisher next = publishers.stream().filter(p -> !landed.containsKey(p.name())).toList()
                    .get(uploaded % (publishers.size() - landed.size()));
            upload(next, receiver, pages, chapters, 1);
            uploaded++;
            if (partitions.partitionOf(chapters.get(chapters.size() - 1).id(), Duration.ofSeconds(30)) == partition) {
                landed.put(next.name(), chapters.size());
            }
        }
        return "its partition " + partition + ", behind it there: " + (landed.isEmpty() ? "no other chapter"
                : landed.entrySet().stream().map(e -> e.getKey() + "'s chapter " + e.getValue())
                        .collect(Collectors.joining(", "))) + ", of " + uploaded + " 4-page chapters uploaded after it";
    }

    /**
     * Bursts of recolors at chapter 1's finished pages 1 and 2: 12 at once at page 1 (8 are taken, the others 429
     * recolors-in-work); 8 at once with one Idempotency-Key and 4 with another at page 2 (one revision per key); once
     * page 1's are done, 12 more at once (the run's ingest allows {@link #MAX_REVISIONS} revisions: 4 are taken, the
     * others 409 too-many-revisions).
     */
    private void recolorFlood(FaultCensus.RunChapter chapter, RecolorFlood flood) throws Exception {
        await("chapter 1 to finish before its recolors", Duration.ofMinutes(5),
                () -> FINAL_STATES.contains(status(chapter).get("state").asText()));
        long at = System.nanoTime();
        List<RecolorFlood.Answer> first = flood.burst("page 1, 12 at once", chapter.api(), chapter.id(), 1, 12, null);
        List<RecolorFlood.Answer> keyed = flood.burst("page 2, 8 at once, one key", chapter.api(), chapter.id(), 2, 8,
                "fault-run-" + LocalRun.randomHex(8));
        keyed = new ArrayList<>(keyed);
        keyed.addAll(flood.burst("page 2, 4 at once, another key", chapter.api(), chapter.id(), 2, 4,
                "fault-run-" + LocalRun.randomHex(8)));
        say("Recolor flood: page 1, 12 at once " + RecolorFlood.summary(first) + "; page 2, 12 with two keys "
                + RecolorFlood.summary(keyed));
        await("page 1's recolors to finish", Duration.ofMinutes(10), () -> recolorsFinished(List.of(chapter), flood));
        List<RecolorFlood.Answer> again = flood.burst("page 1 again, 12 at once", chapter.api(), chapter.id(), 1, 12, null);
        say("Recolor flood: page 1 again, 12 at once " + RecolorFlood.summary(again));
        faults.add(String.format(Locale.ROOT, "t=%.1f s: recolor flood on chapter 1: page 1 12 at once %s; page 2 8 with "
                + "one Idempotency-Key and 4 with another %s; page 1 12 more once those were done %s (the run's "
                + "recolor.max-revisions is %d, max-pending-per-page 8)", (at - begin) / 1e9,
                RecolorFlood.summary(first), RecolorFlood.summary(keyed), RecolorFlood.summary(again), MAX_REVISIONS));
    }

    /** Whether every revision the flood made on these chapters is done or failed. */
    private static boolean recolorsFinished(List<FaultCensus.RunChapter> chapters, RecolorFlood flood) {
        Map<UUID, FaultCensus.RunChapter> byId = chapters.stream()
                .collect(Collectors.toMap(FaultCensus.RunChapter::id, c -> c, (x, y) -> x));
        return flood.accepted().stream().filter(r -> byId.containsKey(r.chapterId()))
                .map(r -> new PageAttemptsWatch.Page(r.chapterId(), r.pageNumber())).distinct()
                .allMatch(page -> {
                    JsonNode listed = get(byId.get(page.chapterId()).api(), "/v1/chapters/" + page.chapterId()
                            + "/pages/" + page.pageNumber() + "/revisions");
                    for (JsonNode r : listed) {
                        if (!Set.of("done", "failed").contains(r.get("state").asText())) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /** A publisher of the run, through the ingest's admin API; the receiver trusts its signing secret. */
    private static RunPublisher publisher(JsonHttp admin, WebhookReceiver receiver, String name)
            throws IOException, InterruptedException {
        LocalRun.Publisher created = LocalRun.createPublisher(admin, name, name);
        receiver.trust(created.webhookSecret());
        return new RunPublisher(name, UUID.fromString(created.id()), new JsonHttp(admin.baseUrl(), created.apiKey()));
    }

    private record RunPublisher(String name, UUID id, JsonHttp api) {
    }

    private Map<String, ServiceProcess> startServices(StackEndpoints endpoints, String adminKey) throws Exception {
        say("Starting ingest-service, trainer (to register the shipped model), " + KILLED + " and " + SURVIVOR);
        Map<String, String> env = endpoints.asEnvironment();
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        started.put("ingest-service", start("ingest-service", "ingest-service", "512m", env, Map.of(
                "COLORIZE_ADMIN_KEY", adminKey,
                "COLORIZE_INGEST_WEBHOOK_SSRF_ALLOW", "127.0.0.0/8",
                // low enough that the flood reaches it in seconds (50 in production)
                "COLORIZE_INGEST_RECOLOR_MAX_REVISIONS", Integer.toString(MAX_REVISIONS))));
        started.put("trainer", start("trainer", "trainer", "1g", env, Map.of(
                "COLORIZE_TRAINER_ADMIN_KEY", adminKey,
                "COLORIZE_TRAINER_SCHEDULE_CRON", "off",
                "COLORIZE_TRAINER_WORK_DIR", options.output().resolve("trainer-work").toString(),
                "COLORIZE_TRAINER_DEFAULT_MODEL_ENABLED", "true")));
        this.environment = env;
        for (String worker : List.of(KILLED, SURVIVOR)) {
            started.put(worker, startWorker(worker));
        }
        try {
            // a worker is ready once it serves a model, so this also waits for the trainer's registration
            CompletableFuture.allOf(started.values().stream()
                    .map(service -> CompletableFuture.runAsync(() -> awaitReady(service)))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        say("Services ready; both workers serve the shipped model");
        return started;
    }

    /** A worker as the run starts them all; it joins {@link #workers}, the ones the run may kill. */
    private ServiceProcess startWorker(String name) throws IOException {
        // one model thread each: the workers share the machine's cores
        ServiceProcess worker = start("gpu-worker", name, "1g", environment, Map.of(
                "COLORIZE_WORKER_ID", name,
                "COLORIZE_WORKER_JOBS_MAX_BATCH", "4",
                "COLORIZE_WORKER_MODEL_THREADS", "1",
                "COLORIZE_WORKER_MODEL_REGISTRY_RECHECK", "2s"));
        workers.put(name, worker);
        return worker;
    }

    /** worker-c, worker-d, ...: each replacement has a name (and consumer client id) of its own. */
    private String nextWorkerName() {
        return "worker-" + (char) ('c' + replacements.getAndIncrement());
    }

    private ServiceProcess start(String module, String name, String heap, Map<String, String> common,
            Map<String, String> own) throws IOException {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.putAll(own);
        return services.add(ServiceProcess.start(options.projectRoot(), module, name, FreePorts.pick(), heap, env,
                options.output().resolve("logs")));
    }

    private void awaitReady(ServiceProcess service) {
        try {
            service.awaitHealth("ready", Duration.ofMinutes(5), services);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void upload(RunPublisher publisher, WebhookReceiver receiver, List<Path> pages,
            List<FaultCensus.RunChapter> chapters, int count) throws IOException, InterruptedException {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            int number = chapters.size() + 1;
            Multipart form = new Multipart().field("title", "fault-run chapter " + number)
                    .field("webhookUrl", receiver.url());
            for (Path page : pages) {
                form.file("pages", page.getFileName().toString(), "image/png", Files.readAllBytes(page));
            }
            chapters.add(new FaultCensus.RunChapter(
                    UUID.fromString(publisher.api().post("/v1/chapters", form).get("chapterId").asText()),
                    publisher.name(), publisher.id(), publisher.api()));
        }
        say("Uploaded chapters 1-" + chapters.size() + " (the last " + count + " by " + publisher.name() + ", "
                + pages.size() + " pages each)");
    }

    /** Waits until page_attempts shows a page of one of the worker's partitions taken without an outcome. */
    private Set<PageAttemptsWatch.Page> awaitPagesHeldBy(String worker, WorkerPartitions partitions,
            PageAttemptsWatch attempts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Set<PageAttemptsWatch.Page> held = partitions.heldBy(worker, attempts.inWork());
            if (!held.isEmpty()) {
                return held;
            }
            services.check();
            Thread.sleep(50);
        }
        say(worker + " held no page in work for 3 minutes: killing it anyway");
        return Set.of();
    }

    private static Set<PageAttemptsWatch.Page> inWork(PageAttemptsWatch attempts) {
        try {
            return attempts.inWork();
        } catch (SQLException e) {
            return Set.of();
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Injects a fault and returns its line for the report: when, and how much work was unfinished. */
    private String fault(String what, int unfinished, Action inject) throws Exception {
        String line = String.format(Locale.ROOT, "t=%.1f s: %s (%d pages unfinished)", (System.nanoTime() - begin) / 1e9,
                what, unfinished);
        say(line);
        inject.run();
        return line;
    }

    private static JsonNode status(FaultCensus.RunChapter chapter) {
        return get(chapter.api(), "/v1/chapters/" + chapter.id());
    }

    private static JsonNode get(JsonHttp api, String path) {
        try {
            return api.get(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int finishedPages(List<FaultCensus.RunChapter> chapters) {
        return chapters.stream().map(FaultInjectionRun::status)
                .mapToInt(s -> s.get("pagesDone").asInt() + s.get("pagesFailed").asInt()).sum();
    }

    private static int unfinishedPages(List<FaultCensus.RunChapter> chapters) {
        return chapters.stream().map(FaultInjectionRun::status)
                .mapToInt(s -> s.get("pageCount").asInt() - s.get("pagesDone").asInt() - s.get("pagesFailed").asInt())
                .sum();
    }

    private void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastSaid = System.nanoTime();
        while (!condition.getAsBoolean()) {
            services.check(); // before the timeout: a dead service finishes nothing
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Waited " + timeout + " for " + what);
            }
            if (System.nanoTime() - lastSaid > 15_000_000_000L) {
                say("  waiting for " + what);
                lastSaid = System.nanoTime();
            }
            Thread.sleep(250);
        }
    }

    /** Sleeps through an outage, watching the services meanwhile. */
    private void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            services.check();
            Thread.sleep(Math.min(250, Math.max(1, left / 1_000_000)));
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private void say(String line) {
        out.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - begin) / 1e9, line);
        out.flush();
    }
}
