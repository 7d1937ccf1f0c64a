package dev.colorize.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.colorize.rest.ApiProblem;
import dev.colorize.rest.ApiProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChapterCursorTest {

    private static final ChapterCursor CURSOR = new ChapterCursor(Instant.parse("2025-02-03T04:05:06.789012Z"),
            UUID.fromString("5f0c3b1e-2d4a-4b6c-8e9f-0a1b2c3d4e5f"));

    @Test
    void aCursorSurvivesTheRoundTripAsAnOpaqueUrlSafeToken() {
        String token = CURSOR.encode();
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(ChapterCursor.decode(token)).isEqualTo(CURSOR);
    }

    @Test
    void garbageAndTamperedTokensAreTheSameClear400() {
        String valid = CURSOR.encode();
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("2025-02-03T04:05:06Z|not-a-uuid").getBytes(StandardCharsets.UTF_8));
        String noSeparator = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "2025-02-03T04:05:06Z".getBytes(StandardCharsets.UTF_8));
        for (String bad : new String[] {"", "!!!", "not base64 at all", valid.substring(0, valid.length() - 3) + "***",
                tampered, noSeparator}) {
            ApiProblem problem = catchThrowableOfType(ApiProblemException.class, () -> ChapterCursor.decode(bad))
                    .problem();
            assertThat(problem.status()).as(bad).isEqualTo(400);
            assertThat(problem.type()).as(bad).isEqualTo(ApiProblem.TYPE_BASE + "invalid-cursor");
            assertThat(problem.detail()).as(bad).isEqualTo("cursor is not one this API handed out");
        }
    }
}
