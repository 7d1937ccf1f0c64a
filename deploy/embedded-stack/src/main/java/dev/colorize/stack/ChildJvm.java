package dev.colorize.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server in a JVM of its own, on the servers' lib folder, logging to a file. Kafka and S3Proxy
 * bring hundreds of jars (Scala, Jetty, cloud SDKs) that must not meet a service's classpath.
 */
final class ChildJvm {

    /** System property naming the lib folder; the parent pom sets it for every test JVM. */
    static final String LIB_PROPERTY = "colorize.stack.lib";
    private static final String LIB_IN_CHECKOUT = "deploy/stack-servers/target/lib";

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(String name, String heap, Path logFile, String mainClass, List<String> args)
            throws IOException {
        Files.createDirectories(logFile.getParent());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        // Full JIT (C2): S3Proxy hashes every body (SHA-256, MD5), several times slower under C1 alone.
        command.add("-XX:+UseSerialGC");
        command.add("-Dlogback.configurationFile=" + logbackConfig(logFile.getParent()));
        command.add("-cp");
        command.add(libFolder().resolve("*").toString());
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        return new ChildJvm(name, process, logFile);
    }

    /** Runs a tool to completion (e.g. Kafka's storage format) and fails with its log if it fails. */
    static void run(String name, Path logFile, String mainClass, List<String> args, Duration timeout)
            throws IOException, InterruptedException {
        ChildJvm tool = start(name, "256m", logFile, mainClass, args);
        if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            tool.stop();
            throw new IllegalStateException(name + " did not finish in " + timeout + "; see " + logFile);
        }
        if (tool.process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed (exit " + tool.process.exitValue() + "): "
                    + tool.tail());
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + tail());
        }
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then SIGKILL if it does not go within ten seconds. */
    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    static Path libFolder() {
        String configured = System.getProperty(LIB_PROPERTY);
        if (configured != null) {
            return requireJars(Path.of(configured));
        }
        // Run from anywhere inside the checkout: walk up to the project root.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(LIB_IN_CHECKOUT);
            if (Files.isDirectory(candidate)) {
                return requireJars(candidate);
            }
        }
        throw new IllegalStateException("Cannot find the servers' jars (" + LIB_IN_CHECKOUT + "). Build them with "
                + "'mvn -B -pl deploy/stack-servers generate-resources' or set -D" + LIB_PROPERTY);
    }

    private static Path requireJars(Path folder) {
        File[] jars = folder.toFile().listFiles((dir, n) -> n.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No jars in " + folder + ": build deploy/stack-servers first");
        }
        return folder;
    }

    private static Path logbackConfig(Path dir) throws IOException {
        Path config = dir.resolve("logback-servers.xml");
        Files.writeString(config, """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <logger name="kafka" level="WARN"/>
                  <logger name="org.eclipse.jetty" level="WARN"/>
                  <logger name="org.jclouds" level="WARN"/>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        return config;
    }
}
