package dev.colorize.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.ingest.config.IngestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void theFirstAttemptWaitsTheFirstDelayAfterTheChapterFinished() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ofSeconds(3), Duration.ofMinutes(1)));
        assertThat(schedule.firstAttemptAt(T)).isEqualTo(T.plusSeconds(3));
    }

    @Test
    void eachFailureWaitsTheNextDelayUntilTheScheduleIsUsedUp() {
        RetrySchedule schedule = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5)));
        assertThat(schedule.retryAt(1, T)).contains(T.plusSeconds(5));
        assertThat(schedule.retryAt(2, T)).contains(T.plus(Duration.ofMinutes(5)));
        assertThat(schedule.retryAt(3, T)).as("three slots, three attempts").isEmpty();
    }

    @Test
    void theDefaultScheduleTriesEightTimesOverAboutADay() {
        RetrySchedule schedule = new RetrySchedule(IngestConfigs.of(Map.of()).webhook().retrySchedule());
        Instant at = schedule.firstAttemptAt(T);
        assertThat(at).isEqualTo(T);
        int attempts = 1;
        for (var next = schedule.retryAt(attempts, at); next.isPresent(); next = schedule.retryAt(attempts, at)) {
            at = next.get();
            attempts++;
        }
        assertThat(attempts).isEqualTo(8);
        assertThat(Duration.between(T, at)).isEqualTo(Duration.ofHours(27).plusMinutes(35).plusSeconds(5));
    }

    @Test
    void anEmptyScheduleIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RetrySchedule(List.of())).hasMessageContaining("retry-schedule");
    }
}
