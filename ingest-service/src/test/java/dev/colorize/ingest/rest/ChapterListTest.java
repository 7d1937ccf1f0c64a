package dev.colorize.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ingest.persistence.ChapterRow;
import dev.colorize.platform.coloring.ColoringRequest;
import dev.colorize.platform.messaging.OutputFormat;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChapterListTest {

    private static final Instant NEWEST = Instant.parse("2025-01-10T00:00:00Z");

    /** Newest first, as the repository returns them. */
    private static List<ChapterRow> rows(int count) {
        return IntStream.range(0, count).mapToObj(i -> new ChapterRow(UUID.randomUUID(), UUID.randomUUID(), "c" + i,
                "queued", 1, 0, 0, null, ColoringRequest.of(OutputFormat.PNG), NEWEST.minusSeconds(i), NEWEST, null, 0, null, 0))
                .toList();
    }

    @Test
    void aRowBeyondTheLimitMeansANextCursorAfterTheLastRowShown() {
        List<ChapterRow> rows = rows(3);
        ChapterList page = ChapterList.of(rows, 2);
        assertThat(page.items()).extracting(ChapterStatus::title).containsExactly("c0", "c1");
        assertThat(ChapterCursor.decode(page.nextCursor())).isEqualTo(ChapterCursor.after(rows.get(1)));
    }

    @Test
    void theLastPageHasNoNextCursor() {
        assertThat(ChapterList.of(rows(2), 2).nextCursor()).isNull();
        assertThat(ChapterList.of(rows(1), 2).items()).hasSize(1);
        assertThat(ChapterList.of(List.of(), 2).items()).isEmpty();
    }
}
