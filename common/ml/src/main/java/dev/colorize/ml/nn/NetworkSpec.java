package dev.colorize.ml.nn;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one description both networks are built from. The paper's networks are {@link #paper()};
 * tests use the same builders with a narrower, shallower spec.
 *
 * @param inputChannels sketch channels: 1 (line art alone) or 1 + {@link #HINT_CHANNELS} (line art and a
 *     color-hint layer)
 * @param outputChannels color channels (3)
 * @param baseWidth filters of the first encoder layer (64 in the paper); deeper layers double it up
 *     to 8x
 * @param levels number of stride-2 encoder layers (8 for 256x256: the bottleneck is 1x1)
 * @param imageSize square model resolution the network is trained at
 * @param dropoutDecoderLayers 0-based indices of decoder layers that are "CD" layers (dropout 0.5)
 * @param normalization normalisation after every conv except the first encoder layer, the
 *     bottleneck and the output
 * @param discriminatorLayers PatchGAN depth (pix2pix n_layers; 3 gives the 70x70 receptive field)
 */
public record NetworkSpec(
        int inputChannels,
        int outputChannels,
        int baseWidth,
        int levels,
        int imageSize,
        Set<Integer> dropoutDecoderLayers,
        Normalization normalization,
        int discriminatorLayers) {

    public NetworkSpec {
        dropoutDecoderLayers = Set.copyOf(dropoutDecoderLayers);
        if (levels < 2 || imageSize % (1 << levels) != 0) {
            throw new IllegalArgumentException(
                    "image size " + imageSize + " must be a multiple of 2^levels (levels=" + levels + ")");
        }
        for (int layer : dropoutDecoderLayers) {
            if (layer < 0 || layer >= levels - 1) {
                throw new IllegalArgumentException("no decoder layer " + layer + " carries dropout");
            }
        }
    }

    /** Hint layer channels after the line art: RGB of the hinted color and a mask of where hints are. */
    public static final int HINT_CHANNELS = 4;

    /** The paper's networks: 1-channel sketch to RGB at 256x256, CD on the first three decoder layers. */
    public static NetworkSpec paper() {
        return paperShape(false, 64, 8, 256);
    }

    /**
     * The paper's shape at another width, depth and size: RGB out, batch norm, the 70x70 PatchGAN, and
     * dropout on the innermost min(3, levels - 1) decoder layers (the paper's three CD512 layers, fewer
     * when the U-Net is too shallow to have three).
     *
     * @param hints whether the sketch carries the {@link #HINT_CHANNELS} hint layer after the line art
     */
    public static NetworkSpec paperShape(boolean hints, int baseWidth, int levels, int imageSize) {
        Set<Integer> dropout = new HashSet<>();
        for (int layer = 0; layer < Math.min(3, levels - 1); layer++) {
            dropout.add(layer);
        }
        return new NetworkSpec(hints ? 1 + HINT_CHANNELS : 1, 3, baseWidth, levels, imageSize, dropout,
                Normalization.BATCH, 3);
    }

    /**
     * What fits training on a CPU: width 32 and 7 levels at 128 px (1/4 of the paper's width, ~8x fewer
     * FLOPs per pixel), with hint channels. Panels are colored at this resolution; the paper's spec
     * stays available for GPU runs.
     */
    public static NetworkSpec cpuHinted() {
        return paperShape(true, 32, 7, 128);
    }

    public boolean takesHints() {
        return inputChannels == 1 + HINT_CHANNELS;
    }

    /** Stride of the whole encoder: input sizes must be multiples of it. */
    public int stride() {
        return 1 << levels;
    }

    /** Encoder filters per layer: C64-C128-C256-C512-C512-C512-C512-C512 for the paper. */
    public List<Integer> encoderWidths() {
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            widths.add(baseWidth * Math.min(1 << i, 8));
        }
        return widths;
    }

    /**
     * Channels entering each decoder layer, skip concatenation included:
     * CD512-CD1024-CD1024-C1024-C1024-C512-C256-C128 for the paper. The last entry feeds the
     * output convolution.
     */
    public List<Integer> decoderInputWidths() {
        List<Integer> enc = encoderWidths();
        List<Integer> widths = new ArrayList<>();
        widths.add(enc.get(levels - 1));
        for (int i = levels - 2; i >= 0; i--) {
            widths.add(2 * enc.get(i));
        }
        return widths;
    }

    /** Discriminator filters: C64-C128-C256-C512 for the paper. */
    public List<Integer> discriminatorWidths() {
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i <= discriminatorLayers; i++) {
            widths.add(baseWidth * Math.min(1 << i, 8));
        }
        return widths;
    }
}
