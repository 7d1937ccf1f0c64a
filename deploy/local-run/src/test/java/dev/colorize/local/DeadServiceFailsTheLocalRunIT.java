package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26 item 11: the kernel's OOM killer took the worker and the local run waited at "pages done 0 / 24" without a
 * word. A service the run started that dies fails the run at once, naming the service, its exit code and the end of its
 * log, instead of waiting out the chapter's timeout.
 */
class DeadServiceFailsTheLocalRunIT {

    private static final Duration COLORING_TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path work;

    @Test
    void aWorkerKilledWhileTheChapterWaitsFailsTheRunPromptlyWithItsExitCodeAndLog() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // SIGKILL the worker as the chapter is uploaded, as the OOM killer did: nothing is left to color it
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8) {
            @Override
            public void println(String line) {
                super.println(line);
                if (line.startsWith("Uploading")) {
                    killChild("gpu-worker");
                }
            }
        };
        LocalOptions options = new LocalOptions(null, work.resolve("out"), work.resolve("data"), projectRoot(),
                LocalOptions.spec(8, 5, 64, Set.of(0, 1)), 40, Duration.ofMinutes(2), 16, COLORING_TIMEOUT, false,
                false, null, false);

        Throwable failure = catchThrowable(() -> new LocalRun(options, out).run());
        long waitedAfterUpload = System.nanoTime() - uploadedAt;
        System.out.print(printed.toString(StandardCharsets.UTF_8));
        System.out.println("The run failed: " + (failure == null ? null : failure.getMessage()));

        assertThat(failure).as("the run fails").isNotNull();
        Path log = work.resolve("data/logs/gpu-worker.log");
        List<String> logLines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        assertThat(failure.getMessage()).contains("gpu-worker exited with code 137 (SIGKILL")
                .contains("the last lines of its log " + log).as("the end of the worker's log")
                .endsWith(logLines.get(logLines.size() - 1));
        assertThat(Duration.ofNanos(waitedAfterUpload)).as("it fails promptly, not at the chapter's timeout")
                .isLessThan(Duration.ofSeconds(20));
    }

    private volatile long uploadedAt;

    private void killChild(String module) {
        uploadedAt = System.nanoTime();
        ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains(module + "/target/quarkus-app"))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static Path projectRoot() {
        return Path.of("").toAbsolutePath().getParent().getParent();
    }
}
