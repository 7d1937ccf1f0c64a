package dev.colorize.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One of the services, run from its built Quarkus app (target/quarkus-app) as a child process. */
final class ServiceProcess implements AutoCloseable {

    private static final int LOG_LINES_REPORTED = 30;

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Set when the run itself stops or kills the process: its exit is then no failure. */
    private volatile boolean stopped;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code module}'s app as {@code name} (its log is name.log) on {@code port} with the given
     * environment on top of this one's. The app must have been built (mvn package) first.
     */
    static ServiceProcess start(Path projectRoot, String module, String name, int port, String heap,
            Map<String, String> env, Path logDir) throws IOException {
        Path app = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(app)) {
            throw new IllegalStateException(module + " is not built (" + app + " is missing): run "
                    + "'mvn -B -DskipTests install' in " + projectRoot);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.add("-Dai.djl.offline=true");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(app.toString());
        return launch(name, port, command, env, logDir);
    }

    /** Runs {@code command} as the service {@code name}, its output appended to name.log in {@code logDir}. */
    static ServiceProcess launch(String name, int port, List<String> command, Map<String, String> env, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ServiceProcess(name, port, builder.start(), log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Waits until the health endpoint answers UP (readiness, or liveness for a service not yet ready by design); fails
     * as soon as any service of {@code watch} (this one included) has died.
     */
    void awaitHealth(String which, Duration timeout, ServiceWatch watch) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/" + which))
                .timeout(Duration.ofSeconds(3)).build();
        while (System.nanoTime() < deadline) {
            watch.check();
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(name + " was not " + which + " within " + timeout + "; see " + log);
    }

    Path log() {
        return log;
    }

    /**
     * When the process has exited without the run stopping it: which service, its exit code (a signal's named) and
     * the end of its log.
     */
    Optional<String> unexpectedExit() {
        if (stopped || process.isAlive()) {
            return Optional.empty();
        }
        int code = process.exitValue();
        String tail = LogTail.of(log, LOG_LINES_REPORTED);
        return Optional.of(name + " exited with code " + code + how(code) + "; the last lines of its log " + log
                + (tail.isEmpty() ? ": (empty)" : ":\n" + tail));
    }

    /** A JVM killed by a signal exits with 128 + the signal's number. */
    private static String how(int code) {
        return switch (code) {
            case 137 -> " (SIGKILL: the kernel's OOM killer, or kill -9)";
            case 143 -> " (SIGTERM)";
            case 134 -> " (SIGABRT: a crash in native code; look for hs_err_pid*.log in its working directory)";
            default -> "";
        };
    }

    /** SIGKILL: the process gets no chance to finish, commit or say goodbye, as in a crash or OOM kill. */
    void kill() throws InterruptedException {
        stopped = true;
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stopped = true;
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
