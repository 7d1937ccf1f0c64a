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

    /** {@code sketches}: batch x 1 x size x size, concatenated. Returns batch x 3 x size x size RGB. */
    public float[] predict(float[] sketches, int batch) {
        int size = spec.imageSize();
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = scope.create(sketches, new Shape(batch, spec.inputChannels(), size, size));
            return generator.forward(store, new NDList(input), false).singletonOrThrow().toFloatArray();
        }
    }

    public NetworkSpec spec() {
        return spec;
    }
}
