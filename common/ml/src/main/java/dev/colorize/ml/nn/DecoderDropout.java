package dev.colorize.ml.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout of the "CD" decoder layers. It is the generator's only noise source, and the paper keeps
 * it on at test time as an option, independently of BatchNorm's train/eval mode. DJL's
 * SequentialBlock does not pass per-call parameters down, so the switch is a flag on the block
 * (see {@link #setNoiseAtInference(Block, boolean)}).
 */
public final class DecoderDropout extends AbstractBlock {

    private final float rate;
    private volatile boolean noiseAtInference;

    public DecoderDropout(float rate) {
        this.rate = rate;
    }

    /** Turns test-time dropout on or off in every decoder dropout layer of {@code network}. */
    public static void setNoiseAtInference(Block network, boolean on) {
        if (network instanceof DecoderDropout dropout) {
            dropout.noiseAtInference = on;
        }
        network.getChildren().values().forEach(child -> setNoiseAtInference(child, on));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        return training || noiseAtInference ? x.getNDArrayInternal().dropout(x, rate, true) : inputs;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
