package dev.colorize.ml.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.colorize.ml.nn.NetworkSpec;

/** Batched forward passes of a generator on channel-first [-1, 1] sketches, eval mode (BatchNorm running statistics). */
public final class GeneratorRunner {

    private final Block generator;
    private final NetworkSpec spec;
    private final NDManager manager;
    private final ParameterStore store;

    /** {@code manager} must be (or share the device of) the manager holding the generator's parameters. */
    public GeneratorRunner(Block generator, NetworkSpec spec, NDManager manager) {
        this.generator = generator;
        this.spec = spec;
        this.manager = manager;
        this.store = new ParameterStore(manager, false);
    }

    /** {@code sketches}: batch x inputChannels x size x size at the spec's size. Returns batch x 3 x size x size RGB. */
    public float[] predict(float[] sketches, int batch) {
        return predict(sketches, batch, spec.imageSize(), spec.imageSize());
    }

    /**
     * Any height and width that are multiples of {@link NetworkSpec#stride()}: the U-Net is fully
     * convolutional, so panels and frameless pages run at their own aspect.
     */
    public float[] predict(float[] inputs, int batch, int height, int width) {
        if (height % spec.stride() != 0 || width % spec.stride() != 0) {
            throw new IllegalArgumentException(height + "x" + width + " is not a multiple of the stride " + spec.stride());
        }
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(inputs, new Shape(batch, spec.inputChannels(), height, width));
            return generator.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
        }
    }

    public NetworkSpec spec() {
        return spec;
    }
}
