package dev.colorize.ml.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworksMatchPaperLayerTableTest {

    /** Input and output shape of every convolution, in the order data flows through the U-Net. */
    private static void collectConvolutions(Block block, List<Shape[]> encoder, List<Shape[]> decoder) {
        if (block instanceof Conv2d) {
            Shape in = block.getInputShapes()[0];
            encoder.add(new Shape[] {in, block.getOutputShapes(new Shape[] {in})[0]});
        } else if (block instanceof SubPixelTransposedConv) {
            Shape in = block.getInputShapes()[0];
            decoder.add(new Shape[] {in, block.getOutputShapes(new Shape[] {in})[0]});
        }
        block.getChildren().values().forEach(child -> collectConvolutions(child, encoder, decoder));
    }

    @Test
    void fullSizeGeneratorFollowsThePaperTableLevelByLevel() {
        NetworkSpec spec = NetworkSpec.paper();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block g = UNetGenerator.build(spec);
            Networks.initializeGenerator(g, spec, manager);
            List<Shape[]> encoder = new ArrayList<>();
            List<Shape[]> decoder = new ArrayList<>();
            collectConvolutions(g, encoder, decoder);

            int[] encoderFilters = {64, 128, 256, 512, 512, 512, 512, 512};
            assertThat(encoder).hasSize(8);
            for (int i = 0; i < 8; i++) {
                int size = 256 >> (i + 1);
                assertThat(encoder.get(i)[1]).as("encoder C%d", i)
                        .isEqualTo(new Shape(1, encoderFilters[i], size, size));
            }
            // CD512-CD1024-CD1024-C1024-C1024-C512-C256-C128: channels entering each decoder layer.
            int[] decoderInputs = {512, 1024, 1024, 1024, 1024, 512, 256, 128};
            assertThat(decoder).hasSize(8);
            for (int k = 0; k < 8; k++) {
                int size = 1 << k;
                assertThat(decoder.get(k)[0]).as("decoder layer %d input", k)
                        .isEqualTo(new Shape(1, decoderInputs[k], size, size));
            }
            assertThat(decoder.get(7)[1]).isEqualTo(new Shape(1, 3, 256, 256));
            assertThat(spec.decoderInputWidths()).containsExactly(512, 1024, 1024, 1024, 1024, 512, 256, 128);
        }
    }

    @Test
    void fullSizeParameterCountsMatchPix2PixArithmetic() {
        // Conv weights + BN gamma/beta + output biases, exactly as PyTorch counts unet_256 / basic D.
        // Sketch-in (1 channel) G: 54,411,907; D on sketch+color (4 channels): 2,766,657.
        // The same builders with pix2pix's RGB->RGB channels give pix2pix's printed 54.414 M / 2.769 M.
        try (NDManager manager = NDManager.newBaseManager()) {
            NetworkSpec spec = NetworkSpec.paper();
            assertThat(count(spec, manager)).containsExactly(54_411_907L, 2_766_657L);
            NetworkSpec rgb = new NetworkSpec(3, 3, 64, 8, 256, Set.of(1, 2, 3), Normalization.BATCH, 3);
            assertThat(count(rgb, manager)).containsExactly(54_413_955L, 2_768_705L);
        }
    }

    private static long[] count(NetworkSpec spec, NDManager manager) {
        Block g = UNetGenerator.build(spec);
        Networks.initializeGenerator(g, spec, manager);
        Block d = PatchGanDiscriminator.build(spec);
        // D sees (input, output) channels; for the RGB variant that is pix2pix's 6-channel D.
        d.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32,
                Networks.sketchShape(spec, 1), new Shape(1, spec.outputChannels(), 256, 256));
        long[] counts = {Networks.trainableParameters(g), Networks.trainableParameters(d)};
        g.clear();
        d.clear();
        return counts;
    }

    @Test
    void patchDiscriminatorGivesOneLogitPer70x70Patch() {
        NetworkSpec spec = NetworkSpec.paper();
        try (NDManager manager = NDManager.newBaseManager()) {
            Block d = PatchGanDiscriminator.build(spec);
            Networks.initializeDiscriminator(d, spec, manager);
            Shape out = d.getOutputShapes(new Shape[] {new Shape(2, 1, 256, 256), new Shape(2, 3, 256, 256)})[0];
            assertThat(out).isEqualTo(new Shape(2, 1, 30, 30));
        }
    }
}
