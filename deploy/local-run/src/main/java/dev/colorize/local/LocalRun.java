package dev.colorize.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colorize.platform.image.ImageFormat;
import dev.colorize.stack.EmbeddedStack;
import dev.colorize.stack.FreePorts;
import dev.colorize.stack.StackOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The main job on one machine: embedded stack, the three services, a production model (bootstrapped
 * by a short training run if there is none), a local publisher, one chapter uploaded, colored, announced
 * by a signed webhook, and downloaded.
 */
final class LocalRun {

    private static final List<String> FINAL_STATES = List.of("completed", "completed_with_errors", "failed");

    private final LocalOptions options;
    private final PrintStream out;
    private final Map<String, Double> stages = new LinkedHashMap<>();
    private final ServiceWatch services = new ServiceWatch();

    LocalRun(LocalOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    RunSummary run() throws Exception {
        Files.createDirectories(options.output());
        Path state = options.data().resolve("local");
        Files.createDirectories(state);
        long begin = System.nanoTime();
        say("Starting the embedded stack (Kafka, PostgreSQL, S3) in " + options.data());
        try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.persistent(options.data()));
                WebhookReceiver receiver = new WebhookReceiver()) {
            try {
                return coloredChapter(stack, receiver, state, begin);
            } catch (Exception e) {
                throw services.explain(e);
            } finally {
                stopServices(); // before the stack closes, so no service outlives its servers
            }
        }
    }

    private RunSummary coloredChapter(EmbeddedStack stack, WebhookReceiver receiver, Path state, long begin)
            throws Exception {
        stage("stack", begin);
        String adminKey = readOrCreate(state.resolve("admin.key"), () -> "local-admin-" + randomHex(16));

        begin = System.nanoTime();
        say("Starting ingest-service, gpu-worker and trainer (logs in " + options.data().resolve("logs") + ")");
        ServiceProcess ingest;
        ServiceProcess trainer;
        ServiceProcess worker;
        try {
            Map<String, String> env = new LinkedHashMap<>(stack.endpoints().asEnvironment());
            ingest = start("ingest-service", "512m", env, Map.of(
                    "COLORIZE_ADMIN_KEY", adminKey,
                    "COLORIZE_INGEST_WEBHOOK_SSRF_ALLOW", "127.0.0.0/8,localhost"));
            trainer = start("trainer", "3g", env, Map.of(
                    "COLORIZE_TRAINER_ADMIN_KEY", adminKey,
                    "COLORIZE_TRAINER_SCHEDULE_CRON", "off",
                    "COLORIZE_TRAINER_WORK_DIR", options.data().resolve("trainer-work").toString(),
                    "COLORIZE_TRAINER_DEFAULT_MODEL_ENABLED", String.valueOf(!options.bootstrap())));
            worker = start("gpu-worker", "2g", env, Map.of(
                    "COLORIZE_WORKER_ID", "local-worker",
                    "COLORIZE_WORKER_MODEL_REGISTRY_RECHECK", "2s",
                    "COLORIZE_WORKER_MODEL_REGION_FLATS", String.valueOf(!options.perPixelFlats())));
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> await(ingest, "ready")),
                    CompletableFuture.runAsync(() -> await(trainer, "ready")),
                    CompletableFuture.runAsync(() -> await(worker, "live"))).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        stage("services", begin);

        begin = System.nanoTime();
        JsonHttp admin = new JsonHttp(trainer.baseUrl(), adminKey);
        boolean bootstrapped = ensureProductionModel(admin);
        worker.awaitHealth("ready", Duration.ofMinutes(5), services);
        stage("model", begin);

        begin = System.nanoTime();
        Publisher publisher = readOrCreatePublisher(new JsonHttp(ingest.baseUrl(), adminKey), state);
        receiver.trust(publisher.webhookSecret());
        JsonHttp api = new JsonHttp(ingest.baseUrl(), publisher.apiKey());
        Integer referencesStored = options.references() == null ? null : storeReferences(api);
        UUID chapterId = upload(api, receiver.url());
        stage("upload", begin);

        begin = System.nanoTime();
        JsonNode status = awaitChapter(api, chapterId);
        WebhookReceiver.Received webhook = receiver.awaitValid(Duration.ofSeconds(60), services::check);
        stage("coloring", begin);

        begin = System.nanoTime();
        RunSummary summary = download(api, status, bootstrapped, webhook, receiver, referencesStored);
        stage("download", begin);
        Files.writeString(options.output().resolve("summary.json"),
                JsonHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        return summary;
    }

    /** Stops the services now (Ctrl-C): the stack's own shutdown hook stops the servers. */
    void stopServices() {
        services.stopAll();
    }

    private ServiceProcess start(String module, String heap, Map<String, String> common, Map<String, String> own)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(common);
        env.putAll(own);
        return services.add(ServiceProcess.start(options.projectRoot(), module, module, FreePorts.pick(), heap,
                env, options.data().resolve("logs")));
    }

    private void await(ServiceProcess service, String health) {
        try {
            service.awaitHealth(health, Duration.ofMinutes(3), services);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when it had to train and promote a first model. */
    private boolean ensureProductionModel(JsonHttp admin) throws IOException, InterruptedException {
        JsonNode registry = admin.get("/v1/admin/models");
        if (!registry.path("productionVersion").isNull() && registry.has("productionVersion")) {
            say("Production model: version " + registry.get("productionVersion").asInt());
            return false;
        }
        say("No production model yet: bootstrap training on " + options.bootstrapImages()
                + " generated illustrations, at most " + options.bootstrapBudget().toSeconds() + " s");
        String dataset = "local-starter";
        if (!exists(admin, "/v1/admin/datasets/" + dataset)) {
            admin.post("/v1/admin/datasets", Map.of("name", dataset, "validationFraction", 0.1));
            Path images = options.data().resolve("local/starter-images");
            for (Path image : SampleImages.illustrations(images, options.bootstrapImages(), 7)) {
                admin.post("/v1/admin/datasets/" + dataset + "/images?filename=" + image.getFileName(),
                        Files.readAllBytes(image), "image/png");
            }
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("dataset", dataset);
        request.put("steps", options.bootstrapSteps());
        request.put("timeBudgetSeconds", options.bootstrapBudget().toSeconds());
        request.put("spec", options.bootstrapSpec());
        JsonNode run = admin.post("/v1/admin/runs", request);
        String runPath = "/v1/admin/runs/" + run.get("id").asText();
        int lastStep = -1;
        long lastPrinted = 0;
        while (true) {
            services.check();
            run = admin.get(runPath);
            String runState = run.get("state").asText();
            int step = run.path("step").asInt();
            if (step != lastStep && System.nanoTime() - lastPrinted > 15_000_000_000L) { // a line per 15 s at most
                say("  training: step " + step + " (" + runState + ")");
                lastStep = step;
                lastPrinted = System.nanoTime();
            }
            if (runState.equals("succeeded")) {
                break;
            }
            if (runState.equals("failed")) {
                throw new IllegalStateException("Bootstrap training failed: " + run.path("error").asText()
                        + " (trainer log: " + options.data().resolve("logs/trainer.log") + ")");
            }
            Thread.sleep(1000);
        }
        int version = run.get("modelVersion").asInt();
        admin.post("/v1/admin/aliases/production", Map.of("version", version, "reason",
                "bootstrap model of the local run", "force", true));
        say("Promoted version " + version + " to production after " + run.path("step").asInt() + " steps");
        return true;
    }

    private Publisher readOrCreatePublisher(JsonHttp admin, Path state) throws IOException, InterruptedException {
        Path file = state.resolve("publisher.json");
        if (Files.exists(file)) {
            return JsonHttp.JSON.readValue(file.toFile(), Publisher.class);
        }
        Publisher publisher = createPublisher(admin, "local-" + randomHex(4), "colorize-local");
        JsonHttp.JSON.writeValue(file.toFile(), publisher);
        return publisher;
    }

    /** A new publisher with one API key, through the ingest's admin API. */
    static Publisher createPublisher(JsonHttp admin, String name, String keyLabel) throws IOException, InterruptedException {
        JsonNode created = admin.post("/v1/admin/publishers", Map.of("name", name));
        String id = created.get("id").asText();
        JsonNode key = admin.post("/v1/admin/publishers/" + id + "/keys", Map.of("label", keyLabel));
        return new Publisher(id, key.get("key").asText(), created.get("webhookSecret").asText());
    }

    /** The local publisher: its id, API key and webhook signing secret. */
    record Publisher(String id, String apiKey, String webhookSecret) {
    }

    /**
     * The images of --reference become the references of series {@link LocalOptions#SERIES}, replacing those it had
     * (an earlier run's): how many were stored. A refusal fails the run naming the file and the service's reason.
     */
    private int storeReferences(JsonHttp api) throws IOException, InterruptedException {
        List<LocalOptions.ReferenceImage> images = LocalOptions.referenceImages(options.references());
        String path = "/v1/series/" + LocalOptions.SERIES + "/references";
        JsonNode earlier;
        try {
            earlier = api.get(path);
        } catch (JsonHttp.Refused e) {
            if (e.status() != 404) { // 404: the local publisher has no such series yet
                throw e;
            }
            earlier = JsonHttp.JSON.createArrayNode();
        }
        for (JsonNode reference : earlier) {
            api.delete(path + "/" + reference.get("id").asText());
        }
        say("Storing " + images.size() + " reference image" + (images.size() == 1 ? "" : "s") + " of "
                + options.references() + " as the references of series " + LocalOptions.SERIES
                + (earlier.isEmpty() ? "" : " (replacing the " + earlier.size() + " of an earlier run)"));
        for (LocalOptions.ReferenceImage image : images) {
            Multipart form = new Multipart();
            form.file("colored", image.colored().getFileName().toString(), mediaType(image.colored()),
                    Files.readAllBytes(image.colored()));
            if (image.lines() != null) {
                form.file("lines", image.lines().getFileName().toString(), mediaType(image.lines()),
                        Files.readAllBytes(image.lines()));
            }
            try {
                api.post(path, form);
            } catch (JsonHttp.Refused e) {
                throw new IllegalStateException(refusal(image, e), e);
            }
            say("  " + image.colored().getFileName()
                    + (image.lines() == null ? " (line art read from its ink)" : " with " + image.lines().getFileName()));
        }
        return images.size();
    }

    /** "--reference: aiko.png refused (400 lines-aspect-mismatch): the problem's detail". */
    static String refusal(LocalOptions.ReferenceImage image, JsonHttp.Refused e) {
        JsonNode problem = e.problem();
        String file = problem.path("file").asText(image.colored().getFileName().toString());
        String type = problem.path("type").asText("");
        String kind = type.isEmpty() ? problem.path("title").asText("") : type.substring(type.lastIndexOf('/') + 1);
        String detail = problem.path("detail").asText("");
        return "--reference: " + file + " refused by the service (" + e.status() + (kind.isEmpty() ? "" : " " + kind)
                + ")" + (detail.isEmpty() ? ": " + e.getMessage() : ": " + detail);
    }

    private static String mediaType(Path image) {
        String name = image.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") ? "image/png" : name.endsWith(".webp") ? "image/webp" : "image/jpeg";
    }

    private UUID upload(JsonHttp api, String webhookUrl) throws IOException, InterruptedException {
        Multipart form = new Multipart().field("title", "local run").field("webhookUrl", webhookUrl);
        if (options.references() != null) {
            form.field("seriesId", LocalOptions.SERIES);
        }
        if (options.layers()) {
            form.field("outputs", "ora,psd");
        }
        Path input = options.input();
        List<Path> hints = hintFiles();
        if (input == null) {
            List<Path> pages = SampleImages.demoChapter(options.data().resolve("local/sample-chapter"));
            for (Path page : pages) {
                form.file("pages", page.getFileName().toString(), "image/png", Files.readAllBytes(page));
            }
            for (Path hint : hints) {
                form.file("hints", hint.getFileName().toString(), "application/octet-stream", Files.readAllBytes(hint));
            }
            say("Uploading the sample chapter (" + pages.size() + " pages of OpenMoji line art, CC BY-SA 4.0: see "
                    + options.data().resolve("local/sample-chapter/ATTRIBUTION.md") + ")");
        } else if (Files.isDirectory(input)) {
            // zipped so the service orders the pages by natural filename order, as for any CBZ; hints beside them
            form.file("archive", input.getFileName() + ".cbz", "application/zip", zip(input, null, hints));
            say("Uploading the pages of " + input);
        } else if (!hints.isEmpty()) { // the archive's entries with the hints beside them, as the service takes them
            form.file("archive", input.getFileName().toString(), "application/zip", zip(null, input, hints));
            say("Uploading " + input);
        } else { // a CBZ/ZIP file (LocalOptions checked it exists)
            form.file("archive", input.getFileName().toString(), "application/zip", Files.readAllBytes(input));
            say("Uploading " + input);
        }
        if (!hints.isEmpty()) {
            say("  with the color hints of " + hints.size() + " pages from " + options.hints());
        }
        if (options.references() != null) {
            say("  as a chapter of series " + LocalOptions.SERIES + ", after its references");
        }
        JsonNode accepted = api.post("/v1/chapters", form);
        say("Chapter " + accepted.get("chapterId").asText() + " accepted: " + accepted.get("pageCount").asInt() + " pages");
        return UUID.fromString(accepted.get("chapterId").asText());
    }

    private JsonNode awaitChapter(JsonHttp api, UUID chapterId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + options.coloringTimeout().toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            services.check(); // a dead worker colors nothing: say so rather than wait out the timeout
            JsonNode status = api.get("/v1/chapters/" + chapterId);
            String progress = String.format(Locale.ROOT, "  pages done %d / %d%s", status.get("pagesDone").asInt(),
                    status.get("pageCount").asInt(),
                    status.get("pagesFailed").asInt() > 0 ? ", failed " + status.get("pagesFailed").asInt() : "");
            if (!progress.equals(last)) {
                say(progress);
                last = progress;
            }
            if (FINAL_STATES.contains(status.get("state").asText())) {
                return status;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The chapter was not done within " + options.coloringTimeout()
                + "; see the worker's log " + options.data().resolve("logs/gpu-worker.log"));
    }

    private RunSummary download(JsonHttp api, JsonNode status, boolean bootstrapped, WebhookReceiver.Received webhook,
            WebhookReceiver receiver, Integer referencesStored) throws IOException, InterruptedException {
        String chapterPath = "/v1/chapters/" + status.get("chapterId").asText();
        Path pagesDir = options.output().resolve("pages");
        Files.createDirectories(pagesDir);
        String extension = "JPEG".equals(status.path("outputFormat").asText()) ? "jpg" : "png";
        List<String> pages = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> openRasterFiles = new ArrayList<>();
        List<String> photoshopFiles = new ArrayList<>();
        int referenceRegions = 0;
        int regionsFollowed = 0;
        for (JsonNode page : status.get("pages")) {
            JsonNode use = page.path("references"); // absent on a page colored without references
            referenceRegions += use.path("regions").asInt();
            regionsFollowed += use.path("followed").asInt();
            int number = page.get("pageNumber").asInt();
            String state = page.get("state").asText();
            if ("done".equals(state) || "skipped".equals(state)) {
                // a skipped page was already in color: its result is the uploaded page, in its own format
                String ext = "skipped".equals(state) ? ImageFormat.valueOf(page.get("sourceFormat").asText()).extension()
                        : extension;
                Path target = pagesDir.resolve(String.format("page-%04d.%s", number, ext));
                api.download(chapterPath + "/pages/" + number + "/result?delivery=stream", target);
                pages.add(options.output().relativize(target).toString());
                if (page.hasNonNull("oraUrl")) { // beside the page, as the chapter asked with --layers
                    Path ora = pagesDir.resolve(String.format("page-%04d.ora", number));
                    api.download(page.get("oraUrl").asText() + "?delivery=stream", ora);
                    openRasterFiles.add(options.output().relativize(ora).toString());
                }
                if (page.hasNonNull("psdUrl")) {
                    Path psd = pagesDir.resolve(String.format("page-%04d.psd", number));
                    api.download(page.get("psdUrl").asText() + "?delivery=stream", psd);
                    photoshopFiles.add(options.output().relativize(psd).toString());
                }
            } else {
                failures.add("page " + number + ": " + page.path("error").asText(page.get("state").asText()));
            }
        }
        Path archive = options.output().resolve("chapter.cbz");
        if (!pages.isEmpty()) {
            api.download(chapterPath + "/archive", archive);
        }
        List<Integer> versions = new ArrayList<>();
        status.path("modelVersions").forEach(v -> versions.add(v.asInt()));
        boolean arrived = !receiver.received().isEmpty();
        return new RunSummary(UUID.fromString(status.get("chapterId").asText()), status.get("state").asText(),
                status.get("pageCount").asInt(), status.get("pagesDone").asInt(), status.get("pagesFailed").asInt(),
                versions, bootstrapped, stages, arrived, webhook != null, webhook == null ? null : webhook.body(),
                pages.isEmpty() ? null : options.output().relativize(archive).toString(), pages, failures,
                openRasterFiles, photoshopFiles, referencesStored,
                referencesStored == null ? null : referenceRegions, referencesStored == null ? null : regionsFollowed);
    }

    private static boolean exists(JsonHttp api, String path) throws InterruptedException {
        try {
            api.get(path);
            return true;
        } catch (IOException notFound) {
            return false;
        }
    }

    /** The hint files of --hints (named NAME.hints.png or NAME.hints.json after their pages), none without it. */
    private List<Path> hintFiles() throws IOException {
        if (options.hints() == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(options.hints())) {
            return files.filter(Files::isRegularFile).filter(f -> {
                String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".hints.png") || name.endsWith(".hints.json");
            }).sorted().toList();
        }
    }

    /** One archive of a folder's files or an archive's entries, and the extra files at its top. */
    private static byte[] zip(Path folder, Path archive, List<Path> extra) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (folder != null) {
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        add(zip, file.getFileName().toString(), Files.readAllBytes(file));
                    }
                }
            }
            if (archive != null) {
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        if (!e.isDirectory()) {
                            add(zip, e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
            for (Path file : extra) {
                if (folder == null || !Files.exists(folder.resolve(file.getFileName()))) { // --hints may be --input
                    add(zip, file.getFileName().toString(), Files.readAllBytes(file));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void add(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private interface Source {
        String get();
    }

    private static String readOrCreate(Path file, Source fresh) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        String value = fresh.get();
        Files.writeString(file, value);
        return value;
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private void stage(String name, long beginNanos) {
        stages.put(name, Math.round((System.nanoTime() - beginNanos) / 1e7) / 100.0);
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }
}
