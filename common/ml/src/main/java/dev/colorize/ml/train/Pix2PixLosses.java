package dev.colorize.ml.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * The pix2pix objective written out (DJL's L1Loss weight scales the label and its sigmoid BCE with
 * fromSigmoid=true has a flipped sign, so neither is used).
 */
public final class Pix2PixLosses {

    private Pix2PixLosses() {}

    /** Mean BCE of logits z against a constant target t: max(z,0) - z t + log(1 + exp(-|z|)). */
    public static NDArray bceWithLogits(NDArray logits, float target) {
        NDArray softplusNegAbs = logits.abs().neg().exp().add(constant(logits, 1f)).log();
        return logits.maximum(constant(logits, 0f)).sub(logits.mul(constant(logits, target))).add(softplusNegAbs).mean();
    }

    /**
     * A scalar the autograd graph may keep. DJL's Number overloads ({@code mul(0.5f)}, {@code maximum(0f)}) wrap the
     * number in a tensor over a Java direct buffer and close it right after the operation; the graph still holds that
     * tensor for the backward pass, which then reads memory the garbage collector may have freed: NaN gradients, at
     * random (measured: the tiny model's first discriminator update was NaN in 2 of 4 runs). full() owns its memory.
     */
    public static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /** Mean absolute error. */
    public static NDArray l1(NDArray expected, NDArray actual) {
        return expected.sub(actual).abs().mean();
    }

    /**
     * Weighted mean absolute error: sum(w |expected - actual|) / sum(w) over every channel, with {@code weights}
     * (N x 1 x H x W) broadcast over the color channels; all weights equal gives {@link #l1}.
     */
    public static NDArray weightedL1(NDArray expected, NDArray actual, NDArray weights) {
        NDArray weighted = expected.sub(actual).abs().mul(weights);
        return weighted.sum().div(weights.sum().mul(constant(weights, expected.getShape().get(1))));
    }

    /** 0.5 (BCE(D(x,y), 1) + BCE(D(x,G(x)), 0)): halved to slow D relative to G, as pix2pix. */
    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        NDArray sum = bceWithLogits(realLogits, 1f).add(bceWithLogits(fakeLogits, 0f));
        return sum.mul(constant(sum, 0.5f));
    }
}
