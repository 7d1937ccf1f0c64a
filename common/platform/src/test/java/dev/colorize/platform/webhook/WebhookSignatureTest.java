package dev.colorize.platform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_790_000_000L);
    private static final String BODY = "{\"type\":\"chapter.completed\"}";

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // the example of the Standard Webhooks specification (and the svix libraries' tests)
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signature = WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSignedMessageVerifiesAndAnyChangeBreaksIt() {
        String secret = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(secret), "msg_1", NOW.getEpochSecond(), BODY);
        String ts = Long.toString(NOW.getEpochSecond());
        Duration tolerance = WebhookSignature.DEFAULT_TOLERANCE;

        assertThat(WebhookSignature.verify(secret, "msg_1", ts, BODY, header, NOW, tolerance)).isTrue();
        assertThat(WebhookSignature.verify(secret, "msg_2", ts, BODY, header, NOW, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(secret, "msg_1", ts, BODY + " ", header, NOW, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(WebhookSignature.newSecret(), "msg_1", ts, BODY, header, NOW, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(secret, "msg_1", ts, BODY, header, NOW.plusSeconds(600), tolerance))
                .as("too old: a replay").isFalse();
    }

    @Test
    void duringARotationEitherSecretVerifies() {
        String old = WebhookSignature.newSecret();
        String fresh = WebhookSignature.newSecret();
        String header = WebhookSignature.header(List.of(fresh, old), "msg_1", NOW.getEpochSecond(), BODY);
        String ts = Long.toString(NOW.getEpochSecond());
        assertThat(header.split(" ")).hasSize(2);
        assertThat(WebhookSignature.verify(old, "msg_1", ts, BODY, header, NOW, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.verify(fresh, "msg_1", ts, BODY, header, NOW, Duration.ofMinutes(5))).isTrue();
    }
}
