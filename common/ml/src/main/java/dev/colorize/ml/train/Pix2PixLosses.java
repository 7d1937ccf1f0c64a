package dev.colorize.ml.train;

import ai.djl.ndarray.NDArray;

/**
 * The pix2pix objective written out (DJL's L1Loss weight scales the label and its sigmoid BCE with
 * fromSigmoid=true has a flipped sign, so neither is used).
 */
public final class Pix2PixLosses {

    private Pix2PixLosses() {}

    /** Mean BCE of logits z against a constant target t: max(z,0) - z t + log(1 + exp(-|z|)). */
    public static NDArray bceWithLogits(NDArray logits, float target) {
        NDArray softplusNegAbs = logits.abs().neg().exp().add(1f).log();
        return logits.maximum(0f).sub(logits.mul(target)).add(softplusNegAbs).mean();
    }

    /** Mean absolute error. */
    public static NDArray l1(NDArray expected, NDArray actual) {
        return expected.sub(actual).abs().mean();
    }

    /** 0.5 (BCE(D(x,y), 1) + BCE(D(x,G(x)), 0)): halved to slow D relative to G, as pix2pix. */
    public static NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return bceWithLogits(realLogits, 1f).add(bceWithLogits(fakeLogits, 0f)).mul(0.5f);
    }
}
