package dev.colorize.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KafkaClusterIdIsNeverReadAsAnOptionTest {

    @Test
    void clusterIdsAreSixteenBytesOfUrlSafeBase64ThatNeverStartWithADash() {
        // one id in 64 would start with '-' if drawn naively: 20,000 draws miss that with odds of e^-312
        IntStream.range(0, 20_000).mapToObj(i -> KafkaServer.clusterId()).forEach(id -> {
            assertThat(id).doesNotStartWith("-").hasSize(22);
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        });
    }
}
