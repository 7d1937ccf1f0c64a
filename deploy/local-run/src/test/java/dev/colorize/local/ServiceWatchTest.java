package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the local and fault runs learn about the child processes they started. */
class ServiceWatchTest {

    @TempDir
    Path logs;

    @Test
    void aServiceThatExitsUnaskedFailsTheCheckWithItsNameExitCodeAndTheEndOfItsLog() throws Exception {
        ServiceWatch watch = new ServiceWatch();
        watch.add(shell("sleeper", "sleep 60"));
        ServiceProcess dying = watch.add(shell("gpu-worker", "for i in $(seq 1 100); do echo line $i; done; exit 3"));
        awaitExit(dying);

        assertThatThrownBy(watch::check).isInstanceOf(ServiceDiedException.class)
                .hasMessageStartingWith("gpu-worker exited with code 3; the last lines of its log "
                        + logs.resolve("gpu-worker.log"))
                .hasMessageContaining("line 71\n").hasMessageEndingWith("line 100").hasMessageNotContaining("line 70\n");
        watch.stopAll();
    }

    @Test
    void aKilledServiceIsNamedWithItsSignal() throws Exception {
        ServiceWatch watch = new ServiceWatch();
        ServiceProcess worker = watch.add(shell("gpu-worker", "echo started; exec sleep 60"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.readString(worker.log()).contains("started") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessHandle.of(worker.pid()).orElseThrow().destroyForcibly(); // as the OOM killer would

        awaitExit(worker);
        assertThatThrownBy(watch::check).hasMessageContaining("gpu-worker exited with code 137 (SIGKILL: the kernel's "
                + "OOM killer, or kill -9)").hasMessageEndingWith("started");
    }

    @Test
    void aServiceThatDiesSilentlySaysItsLogIsEmpty() throws Exception {
        ServiceWatch watch = new ServiceWatch();
        awaitExit(watch.add(shell("trainer", "exit 2")));

        assertThatThrownBy(watch::check).hasMessageEndingWith("log " + logs.resolve("trainer.log") + ": (empty)");
    }

    @Test
    void aServiceTheRunStopsOrKillsItselfIsNoFailure() throws Exception {
        ServiceWatch watch = new ServiceWatch();
        watch.add(shell("trainer", "exec sleep 60")).close();
        watch.add(shell("worker-a", "exec sleep 60")).kill();

        assertThatCode(watch::check).doesNotThrowAnyException();
    }

    @Test
    void aDeadServiceExplainsTheFailureThatFollowedIt() throws Exception {
        ServiceWatch watch = new ServiceWatch();
        ServiceProcess ingest = watch.add(shell("ingest-service", "exit 1"));
        awaitExit(ingest);
        IOException refused = new ConnectException("Connection refused");

        Exception explained = watch.explain(refused);

        assertThat(explained).isInstanceOf(ServiceDiedException.class).hasMessageStartingWith("ingest-service exited "
                + "with code 1").hasCause(refused);
        assertThat(new ServiceWatch().explain(refused)).as("no death: the failure as it was").isSameAs(refused);
    }

    private ServiceProcess shell(String name, String script) throws IOException {
        return ServiceProcess.launch(name, 0, List.of("/bin/sh", "-c", script), Map.of(), logs);
    }

    private static void awaitExit(ServiceProcess service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (service.unexpectedExit().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
