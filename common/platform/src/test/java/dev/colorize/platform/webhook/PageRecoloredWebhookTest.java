package dev.colorize.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.platform.coloring.ReferenceUse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageRecoloredWebhookTest {

    @Test
    void aDoneRevisionNamesWhereItIsServedAndAFailedOneWhy() {
        UUID chapter = UUID.randomUUID();
        PageRecoloredWebhook done = PageRecoloredWebhook.finished(chapter, 3, 2, "done", null, Instant.EPOCH);
        PageRecoloredWebhook failed = PageRecoloredWebhook.finished(chapter, 3, 3, "failed", "page 3: boom", Instant.EPOCH);

        assertThat(PageRecoloredWebhook.parse(done.toJson())).isEqualTo(done);
        assertThat(done.type()).isEqualTo("page.recolored");
        assertThat(done.toJson()).startsWith("{\"schemaVersion\":1,\"type\":\"page.recolored\"");
        assertThat(done.data().resultPath()).isEqualTo("/v1/chapters/" + chapter + "/pages/3/revisions/2");
        assertThat(failed.data().resultPath()).isNull();
        assertThat(failed.data().error()).isEqualTo("page 3: boom");
    }

    @Test
    void aRevisionThatFollowedReferencesSaysHowManyRegionsAndOneWithoutLeavesTheFieldOut() {
        UUID chapter = UUID.randomUUID();
        PageRecoloredWebhook followed = PageRecoloredWebhook.finished(chapter, 1, 1, "done", null,
                new ReferenceUse(40, 12), Instant.EPOCH);
        PageRecoloredWebhook plain = PageRecoloredWebhook.finished(chapter, 1, 2, "done", null, Instant.EPOCH);

        assertThat(followed.toJson()).contains("\"references\":{\"regions\":40,\"followed\":12}");
        assertThat(PageRecoloredWebhook.parse(followed.toJson())).isEqualTo(followed);
        assertThat(plain.toJson()).doesNotContain("references");
        assertThat(PageRecoloredWebhook.parse(plain.toJson()).data().references()).isNull();
    }
}
