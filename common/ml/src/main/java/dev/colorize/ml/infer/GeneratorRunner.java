package dev.colorize.ml.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import dev.colorize.ml.nn.NetworkSpec;
import java.util.List;

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

    /** Predictions and, per sample, what the network's last decoder layer reads at each place. */
    public record WithFeatures(float[] rgb, float[] features, int channels, int height, int width) {}

    /**
     * As {@link #predict(float[], int, int, int)}, also returning the outermost decoder level's activations before the
     * last transposed convolution (the U-Net's {@code [down, inner levels, relu, up, tanh]} outermost level: the inner
     * levels' half of its concatenation, after the ReLU; half the input's size each way): the features the network
     * paints each place's color from, so two places it reads alike have near features whatever color it guesses.
     * Null features for a generator not built that way.
     */
    public WithFeatures predictWithFeatures(float[] inputs, int batch, int height, int width) {
        List<Block> outermost = outermostLevel();
        if (outermost == null) {
            return new WithFeatures(predict(inputs, batch, height, width), null, 0, 0, 0);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList x = new NDList(scope.create(inputs, new Shape(batch, spec.inputChannels(), height, width)));
            for (int i = 0; i < 3; i++) { // down, inner levels, relu
                x = outermost.get(i).forward(store, x, false);
            }
            NDArray concatenated = x.singletonOrThrow();
            long channels = concatenated.getShape().get(1);
            float[] features = concatenated.get(":, " + channels / 2 + ":, :, :").toFloatArray();
            for (int i = 3; i < outermost.size(); i++) {
                x = outermost.get(i).forward(store, x, false);
            }
            return new WithFeatures(x.singletonOrThrow().toFloatArray(), features, (int) (channels / 2),
                    (int) concatenated.getShape().get(2), (int) concatenated.getShape().get(3));
        }
    }

    /** The outermost level's blocks when the generator is {@link dev.colorize.ml.nn.UNetGenerator}'s, else null. */
    private List<Block> outermostLevel() {
        if (!(generator instanceof SequentialBlock seq) || seq.getChildren().size() != 5
                || !(seq.getChildren().get(1).getValue() instanceof ParallelBlock)) {
            return null;
        }
        return seq.getChildren().values();
    }

    public NetworkSpec spec() {
        return spec;
    }
}
