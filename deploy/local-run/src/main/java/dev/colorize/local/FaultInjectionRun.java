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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * deploy/fault-run.sh, the reliability proof of issue 13: chapters colored by two workers on the embedded
 * stack while S3 is stopped for a while, Kafka is stopped for a while and one worker is killed with
 * SIGKILL while it holds pages in work; then every place a page or webhook could be lost or duplicated is
 * counted ({@link FaultCensus}) and printed as a table. Exit 0 when every invariant holds, 1 otherwise.
 *
 * <p>Each fault is aimed at work in flight: Kafka goes down once pages are being colored (and chapters are
 * uploaded during the outage, into the outbox), S3 once pages are taken, and worker-a is killed once the
 * page_attempts table shows pages of its partitions taken without an outcome.
 */
public final class FaultInjectionRun {

    private static final String WORKER_GROUP = "colorize-workers";
    private static final String KILLED = "worker-a";
    private static final String SURVIVOR = "worker-b";
    private static final Set<String> FINAL_STATES = Set.of("completed", "completed_with_errors", "failed");

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

        LocalRun.Publisher publisher = LocalRun.createPublisher(new JsonHttp(ingest.baseUrl(), adminKey),
                "fault-run", "fault-run");
        receiver.trust(publisher.webhookSecret());
        JsonHttp api = new JsonHttp(ingest.baseUrl(), publisher.apiKey());
        List<Path> pages = SampleImages.chapter(options.output().resolve("pages"), options.pagesPerChapter(),
                options.pageHeight());
        List<UUID> chapters = new ArrayList<>();
        int chapterCount = options.chapters();
        int firstWave = Math.max(1, chapterCount * 4 / 10);
        int kafkaWave = Math.max(1, chapterCount * 3 / 10);
        int storeWave = Math.max(1, chapterCount * 2 / 10);

        try (PageAttemptsWatch attempts = new PageAttemptsWatch(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword())) {
            upload(api, receiver, pages, chapters, firstWave);
            await("the first page colored", Duration.ofMinutes(5), () -> finishedPages(api, chapters) > 0);

            // Kafka: results cannot be published nor offsets committed; uploads go on into the outbox
            String kafkaFault = fault("Kafka stopped", unfinishedPages(api, chapters), stack::stopKafka);
            long stopped = System.nanoTime();
            upload(api, receiver, pages, chapters, kafkaWave);
            sleepUntil(stopped + options.outage().toNanos());
            stack.startKafka();
            faults.add(kafkaFault + ", uploads during the outage: " + kafkaWave + " chapters; back after "
                    + seconds(System.nanoTime() - stopped) + " s");
            say("Kafka is back");

            // S3: sketches cannot be read nor results written while pages are in work
            upload(api, receiver, pages, chapters, storeWave);
            await("pages in work", Duration.ofMinutes(3), () -> !inWork(attempts).isEmpty());
            String storeFault = fault("S3 stopped", unfinishedPages(api, chapters), stack::stopS3);
            stopped = System.nanoTime();
            sleepUntil(stopped + options.outage().toNanos());
            stack.startS3();
            faults.add(storeFault + "; back after " + seconds(System.nanoTime() - stopped) + " s");
            say("S3 is back");

            // SIGKILL worker-a while the table shows pages of its partitions taken without an outcome
            upload(api, receiver, pages, chapters, chapterCount - chapters.size());
            Set<PageAttemptsWatch.Page> held = awaitPagesHeldBy(KILLED, endpoints, attempts);
            ServiceProcess killed = started.get(KILLED);
            String killFault = fault(KILLED + " (pid " + killed.pid() + ") killed with SIGKILL holding " + held.size()
                    + " pages in work", unfinishedPages(api, chapters), killed::kill);
            faults.add(killFault + "; " + SURVIVOR + " goes on alone");

            await("every chapter to finish", options.timeout(), () -> chapters.stream()
                    .allMatch(id -> FINAL_STATES.contains(status(api, id).get("state").asText())));
            say("Every chapter finished; waiting for their webhooks");
            await("a webhook per chapter", Duration.ofMinutes(2),
                    () -> receiver.received().stream().filter(WebhookReceiver.Received::signatureValid).count()
                            >= chapters.size());
            Thread.sleep(5000); // time for a duplicate webhook or result to show

            say("Counting");
            FaultCensus census = FaultCensus.take(endpoints, UUID.fromString(publisher.id()), chapters, api,
                    receiver.received(), attempts.highest(), held, ingest.baseUrl());
            String report = census.report(faults, options, seconds(System.nanoTime() - begin));
            out.println();
            out.println(report);
            Files.writeString(options.output().resolve("report.md"), report);
            say("Report: " + options.output().resolve("report.md") + "; logs: " + options.output().resolve("logs"));
            return census;
        }
    }

    private Map<String, ServiceProcess> startServices(StackEndpoints endpoints, String adminKey) throws Exception {
        say("Starting ingest-service, trainer (to register the shipped model), " + KILLED + " and " + SURVIVOR);
        Map<String, String> env = endpoints.asEnvironment();
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        started.put("ingest-service", start("ingest-service", "ingest-service", "512m", env, Map.of(
                "COLORIZE_ADMIN_KEY", adminKey,
                "COLORIZE_INGEST_WEBHOOK_SSRF_ALLOW", "127.0.0.0/8")));
        started.put("trainer", start("trainer", "trainer", "1g", env, Map.of(
                "COLORIZE_TRAINER_ADMIN_KEY", adminKey,
                "COLORIZE_TRAINER_SCHEDULE_CRON", "off",
                "COLORIZE_TRAINER_WORK_DIR", options.output().resolve("trainer-work").toString(),
                "COLORIZE_TRAINER_DEFAULT_MODEL_ENABLED", "true")));
        for (String worker : List.of(KILLED, SURVIVOR)) {
            // one model thread each: the two workers share the machine's cores
            started.put(worker, start("gpu-worker", worker, "1g", env, Map.of(
                    "COLORIZE_WORKER_ID", worker,
                    "COLORIZE_WORKER_JOBS_MAX_BATCH", "4",
                    "COLORIZE_WORKER_MODEL_THREADS", "1",
                    "COLORIZE_WORKER_MODEL_REGISTRY_RECHECK", "2s")));
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

    private void upload(JsonHttp api, WebhookReceiver receiver, List<Path> pages, List<UUID> chapters, int count)
            throws IOException, InterruptedException {
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
            chapters.add(UUID.fromString(api.post("/v1/chapters", form).get("chapterId").asText()));
        }
        say("Uploaded chapters 1-" + chapters.size() + " (" + options.pagesPerChapter() + " pages of "
                + options.pageHeight() + " px each)");
    }

    /** Waits until page_attempts shows a page of one of the worker's partitions taken without an outcome. */
    private Set<PageAttemptsWatch.Page> awaitPagesHeldBy(String worker, StackEndpoints endpoints,
            PageAttemptsWatch attempts) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            Map<UUID, Integer> partitionOf = Map.of();
            while (System.nanoTime() < deadline) {
                Set<Integer> owned = admin.describeConsumerGroups(List.of(WORKER_GROUP)).all().get()
                        .get(WORKER_GROUP).members().stream()
                        .filter(m -> m.clientId().equals(worker + "-jobs"))
                        .map(MemberDescription::assignment)
                        .flatMap(a -> a.topicPartitions().stream()).map(TopicPartition::partition)
                        .collect(Collectors.toSet());
                Set<PageAttemptsWatch.Page> taken = attempts.inWork();
                Map<UUID, Integer> known = partitionOf;
                if (!taken.stream().allMatch(p -> known.containsKey(p.chapterId()))) {
                    partitionOf = FaultCensus.partitionsOfChapters(endpoints.kafkaBootstrap());
                }
                Map<UUID, Integer> partitions = partitionOf;
                Set<PageAttemptsWatch.Page> held = taken.stream()
                        .filter(p -> owned.contains(partitions.getOrDefault(p.chapterId(), -1)))
                        .collect(Collectors.toSet());
                if (!held.isEmpty()) {
                    return held;
                }
                services.check();
                Thread.sleep(50);
            }
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

    private static JsonNode status(JsonHttp api, UUID chapter) {
        try {
            return api.get("/v1/chapters/" + chapter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int finishedPages(JsonHttp api, List<UUID> chapters) {
        return chapters.stream().map(id -> status(api, id))
                .mapToInt(s -> s.get("pagesDone").asInt() + s.get("pagesFailed").asInt()).sum();
    }

    private static int unfinishedPages(JsonHttp api, List<UUID> chapters) {
        return chapters.stream().map(id -> status(api, id))
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
