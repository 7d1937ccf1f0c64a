package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FaultCensusTest {

    private static final UUID CHAPTER = UUID.fromString("00000000-0000-0000-0000-0000000000cc");

    @Test
    void aRecolorsResultObjectsAreCountedUnderItsRevisionNotTheUploads() {
        assertThat(FaultCensus.revisionOfResultKey(CHAPTER, "results/p/" + CHAPTER + "/0007-v1.png"))
                .isEqualTo(new RecolorFlood.Revision(CHAPTER, 7, 0));
        assertThat(FaultCensus.revisionOfResultKey(CHAPTER, "results/p/" + CHAPTER + "/0007-r12-v1.png"))
                .isEqualTo(new RecolorFlood.Revision(CHAPTER, 7, 12));
    }

    @Test
    void aPoisonedChapterHoldsOnlyWhenItsPoisonPageAloneFailed() {
        assertThat(row("completed_with_errors", 2, 2, List.of(2)).holds()).isTrue();
        assertThat(row("completed_with_errors", 2, 2, List.of(1)).holds()).as("another page failed").isFalse();
        assertThat(row("completed", 3, 2, List.of()).holds()).as("the poison page was colored").isFalse();
        assertThat(row("completed_with_errors", 1, 2, List.of(1, 2)).holds()).as("a neighbour failed too").isFalse();
    }

    @Test
    void aChapterWithoutPoisonHoldsOnlyWithEveryPageDoneOnce() {
        assertThat(plain(3, 3, 1).holds()).isTrue();
        assertThat(plain(2, 3, 1).holds()).as("a page lost").isFalse();
        assertThat(plain(3, 3, 2).holds()).as("two deliveries").isFalse();
    }

    private static FaultCensus.ChapterRow row(String state, int done, int poisonPage, List<Integer> failed) {
        return new FaultCensus.ChapterRow(1, "p", state, 3, done, done, done, 3, 0, 3, 0, 0, 1, 1, 1, poisonPage,
                failed, "");
    }

    private static FaultCensus.ChapterRow plain(int done, int objects, int deliveries) {
        return new FaultCensus.ChapterRow(1, "p", "completed", 3, done, objects, objects, 3, 0, 3, 0, 0, deliveries,
                deliveries, deliveries, 0, List.of(), "");
    }
}
