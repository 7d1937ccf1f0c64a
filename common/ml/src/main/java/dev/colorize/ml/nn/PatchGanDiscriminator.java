package dev.colorize.ml.nn;

import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import java.util.List;

/**
 * The 70x70 PatchGAN (pix2pix "basic" D, n_layers=3) on the (sketch, color) pair:
 *
 * <pre>
 * concat(sketch, color) -> C64 (stride 2, no BN) - C128 (s2) - C256 (s2) - C512 (s1)
 *                       -> conv to 1 channel (s1): one logit per 70x70 patch
 * </pre>
 *
 * All 4x4 convolutions, LeakyReLU 0.2. Outputs logits; the loss applies the sigmoid.
 */
public final class PatchGanDiscriminator {

    private PatchGanDiscriminator() {}

    /** Input: NDList(sketch, color), both N x C x H x W. Output: N x 1 x h x w logits. */
    public static Block build(NetworkSpec spec) {
        List<Integer> widths = spec.discriminatorWidths();
        int last = spec.discriminatorLayers();
        boolean convBias = Layers.biasBeforeNorm(spec.normalization());

        SequentialBlock d = new SequentialBlock();
        d.add(new LambdaBlock(pair -> new NDList(NDArrays.concat(pair, 1)), "concat"));
        d.add(Layers.conv4x4(widths.get(0), 2, true));
        d.add(Layers.leakyRelu());
        for (int i = 1; i <= last; i++) {
            d.add(Layers.conv4x4(widths.get(i), i == last ? 1 : 2, convBias));
            Layers.addNorm(d, spec.normalization());
            d.add(Layers.leakyRelu());
        }
        d.add(Layers.conv4x4(1, 1, true));
        Layers.initPix2Pix(d);
        return d;
    }
}
