package dev.colorize.worker.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.platform.storage.ObjectStoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import org.junit.jupiter.api.Test;

class WorkerStoppedExceptionTest {

    @Test
    void anInterruptedStoreCallIsTheWorkerStoppingNotAFaultOfThePage() {
        ObjectStoreException interrupted = new ObjectStoreException("get failed", false,
                new IOException("call", new InterruptedException()));

        assertThatThrownBy(() -> WorkerStoppedException.throwIfInterrupted("reading p1", interrupted))
                .isInstanceOf(WorkerStoppedException.class).hasMessage("stopped while reading p1").hasCause(interrupted);
    }

    @Test
    void aStoreFaultOrTimeoutIsLeftToThePage() {
        ObjectStoreException missing = new ObjectStoreException("no such key", false, new IOException("404"));
        ObjectStoreException timedOut = new ObjectStoreException("get failed", true, new InterruptedIOException("timeout"));
        assertThatCode(() -> WorkerStoppedException.throwIfInterrupted("reading p1", missing)).doesNotThrowAnyException();
        assertThatCode(() -> WorkerStoppedException.throwIfInterrupted("reading p1", timedOut)).doesNotThrowAnyException();
    }
}
