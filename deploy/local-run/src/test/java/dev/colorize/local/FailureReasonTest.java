package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void aMessageIsTheReason() {
        assertThat(FailureReason.of(new IllegalStateException("the worker exited with code 137")))
                .isEqualTo("the worker exited with code 137");
    }

    @Test
    void aFailureWithoutAMessageIsNamedByItsKindAndItsCausesMessage() {
        assertThat(FailureReason.of(new InterruptedException())).startsWith("InterruptedException (the run was stopped");
        assertThat(FailureReason.of(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(FailureReason.of(new RuntimeException((String) null,
                new UncheckedIOException(new IOException("connection refused")))))
                .isEqualTo("RuntimeException: java.io.IOException: connection refused");
    }
}
