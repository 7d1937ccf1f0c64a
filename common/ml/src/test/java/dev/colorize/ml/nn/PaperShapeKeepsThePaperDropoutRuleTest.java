package dev.colorize.ml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PaperShapeKeepsThePaperDropoutRuleTest {

    @Test
    void thePapersAndTheCpuSpecAreThePaperShapeAtTheirSizes() {
        assertThat(NetworkSpec.paper())
                .isEqualTo(new NetworkSpec(1, 3, 64, 8, 256, Set.of(0, 1, 2), Normalization.BATCH, 3));
        assertThat(NetworkSpec.cpuHinted()).isEqualTo(
                new NetworkSpec(1 + NetworkSpec.HINT_CHANNELS, 3, 32, 7, 128, Set.of(0, 1, 2), Normalization.BATCH, 3));
    }

    @Test
    void shallowNetworksKeepDropoutOnTheDecoderLayersTheyHave() {
        assertThat(NetworkSpec.paperShape(false, 16, 4, 64).dropoutDecoderLayers()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(NetworkSpec.paperShape(false, 16, 3, 64).dropoutDecoderLayers()).containsExactlyInAnyOrder(0, 1);
        assertThat(NetworkSpec.paperShape(false, 16, 2, 64).dropoutDecoderLayers()).containsExactly(0);
    }

    @Test
    void hintsAddTheHintLayerToTheSketch() {
        NetworkSpec hinted = NetworkSpec.paperShape(true, 16, 5, 64);
        assertThat(hinted.inputChannels()).isEqualTo(5);
        assertThat(hinted.takesHints()).isTrue();
        assertThat(NetworkSpec.paperShape(false, 16, 5, 64).takesHints()).isFalse();
    }
}
