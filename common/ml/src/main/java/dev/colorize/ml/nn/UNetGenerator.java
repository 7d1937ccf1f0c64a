package dev.colorize.ml.nn;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * The paper's U-Net generator, built recursively like pix2pix's UnetSkipConnectionBlock: each
 * level is [down, inner levels, up] and, except the outermost, concatenates its input with its
 * output (the skip from encoder layer i to decoder layer n-i).
 *
 * <pre>
 * encoder  C64  - C128 - C256 - C512 - C512 - C512 - C512 - C512      (LeakyReLU 0.2, no BN on C64
 *                                                                      and on the 1x1 bottleneck)
 * decoder  CD512 - CD1024 - CD1024 - C1024 - C1024 - C512 - C256 - C128 (input channels, skip
 *                                                                      included; ReLU, BN, dropout 0.5
 *                                                                      on CD) -> conv to 3, tanh
 * </pre>
 *
 * Every convolution is 4x4 with stride 2; decoder convolutions are transposed ones
 * ({@link SubPixelTransposedConv}).
 */
public final class UNetGenerator {

    private UNetGenerator() {}

    /** Builds an uninitialised generator; initialise it with {@link Networks#initialize}. */
    public static Block build(NetworkSpec spec) {
        Block generator = level(spec, 0);
        Layers.initPix2Pix(generator);
        return generator;
    }

    private static Block level(NetworkSpec spec, int i) {
        List<Integer> enc = spec.encoderWidths();
        int n = spec.levels();
        boolean outermost = i == 0;
        boolean innermost = i == n - 1;
        int decoderLayer = n - 1 - i;
        boolean convBias = Layers.biasBeforeNorm(spec.normalization());

        SequentialBlock seq = new SequentialBlock();
        if (!outermost) {
            seq.add(Layers.leakyRelu());
        }
        seq.add(Layers.conv4x4(enc.get(i), 2, convBias));
        if (!outermost && !innermost) {
            Layers.addNorm(seq, spec.normalization());
        }
        if (!innermost) {
            seq.add(level(spec, i + 1));
        }
        seq.add(Activation.reluBlock());
        int upIn = spec.decoderInputWidths().get(decoderLayer);
        if (outermost) {
            seq.add(new SubPixelTransposedConv(upIn, spec.outputChannels(), true));
            seq.add(Activation.tanhBlock());
            return seq;
        }
        seq.add(new SubPixelTransposedConv(upIn, enc.get(i - 1), convBias));
        Layers.addNorm(seq, spec.normalization());
        if (spec.dropoutDecoderLayers().contains(decoderLayer)) {
            seq.add(new DecoderDropout(0.5f));
        }
        return new ParallelBlock(
                outputs -> new NDList(NDArrays.concat(
                        new NDList(outputs.get(0).singletonOrThrow(), outputs.get(1).singletonOrThrow()), 1)),
                List.of(new LambdaBlock(x -> x, "skip"), seq));
    }
}
