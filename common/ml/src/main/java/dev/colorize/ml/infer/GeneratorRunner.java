package dev.colorize.ml.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
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

    /** Activations of one decoder level for a batch: batch x channels x height x width. */
    public record FeatureMap(float[] values, int channels, int height, int width) {}

    /**
     * Predictions and, per sample, what the network reads at each place: {@code features}, its outermost decoder
     * level's (half the input's size: the features it paints each place's color from), and {@code context}, those of
     * decoder level {@link #CONTEXT_LEVEL} (a sixteenth: what a place is part of, a face or a wheel); null features for
     * a generator not built as {@link dev.colorize.ml.nn.UNetGenerator} builds it.
     */
    public record WithFeatures(float[] rgb, FeatureMap features, FeatureMap context) {}

    /**
     * The U-Net level whose decoder output is the context: on OpenMoji's recurring characters, levels 1 and 3 together
     * told a character's parts apart better than level 1 alone, 2 or 4 alone, or levels 1, 2 and 3 (docs/QUALITY.md).
     */
    static final int CONTEXT_LEVEL = 3;

    /**
     * As {@link #predict(float[], int, int, int)}, also returning what the network reads ({@link WithFeatures}): each
     * level's decoder output after the ReLU its parent level applies to the concatenation with the skip.
     */
    public WithFeatures predictWithFeatures(float[] inputs, int batch, int height, int width) {
        if (!isUNet()) {
            return new WithFeatures(predict(inputs, batch, height, width), null, null);
        }
        try (NDManager scope = manager.newSubManager()) {
            NDList x = new NDList(scope.create(inputs, new Shape(batch, spec.inputChannels(), height, width)));
            NDArray[] decoded = new NDArray[spec.levels()];
            NDArray rgb = forward(generator, x, 0, decoded).singletonOrThrow();
            FeatureMap context = CONTEXT_LEVEL < spec.levels() ? map(decoded[CONTEXT_LEVEL]) : null;
            return new WithFeatures(rgb.toFloatArray(), map(decoded[1]), context);
        }
    }

    /** A level's decoder output after the ReLU its parent level applies (only the levels read pay for it). */
    private static FeatureMap map(NDArray decoded) {
        Shape s = decoded.getShape();
        return new FeatureMap(Activation.relu(decoded).toFloatArray(), (int) s.get(1), (int) s.get(2), (int) s.get(3));
    }

    /**
     * The generator's forward pass by hand, keeping each level's decoder output ({@code decoded[level]}): a level is a
     * {@link ParallelBlock} of the skip and the level's own blocks, concatenated.
     */
    private NDList forward(Block block, NDList x, int depth, NDArray[] decoded) {
        if (block instanceof ParallelBlock level) {
            NDList inner = forward(level.getChildren().get(1).getValue(), x, depth + 1, decoded);
            decoded[depth + 1] = inner.singletonOrThrow();
            return new NDList(NDArrays.concat(new NDList(x.singletonOrThrow(), inner.singletonOrThrow()), 1));
        }
        if (block instanceof SequentialBlock seq) {
            for (Block child : seq.getChildren().values()) {
                x = forward(child, x, depth, decoded);
            }
            return x;
        }
        return block.forward(store, x, false);
    }

    /** Whether the generator is built as {@link dev.colorize.ml.nn.UNetGenerator} builds it. */
    private boolean isUNet() {
        return generator instanceof SequentialBlock seq && seq.getChildren().size() == 5
                && seq.getChildren().get(1).getValue() instanceof ParallelBlock;
    }

    public NetworkSpec spec() {
        return spec;
    }
}
