package dev.colorize.ml.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;

/** Initialisation and counting shared by the generator and discriminator. */
public final class Networks {

    private Networks() {}

    /** Allocates the generator's parameters for a batch of sketches at the spec's size. */
    public static void initializeGenerator(Block generator, NetworkSpec spec, NDManager manager) {
        generator.initialize(manager, DataType.FLOAT32, sketchShape(spec, 1));
    }

    /** Allocates the discriminator's parameters for (sketch, color) at the spec's size. */
    public static void initializeDiscriminator(Block discriminator, NetworkSpec spec, NDManager manager) {
        discriminator.initialize(manager, DataType.FLOAT32, sketchShape(spec, 1),
                new Shape(1, spec.outputChannels(), spec.imageSize(), spec.imageSize()));
    }

    public static Shape sketchShape(NetworkSpec spec, int batch) {
        return new Shape(batch, spec.inputChannels(), spec.imageSize(), spec.imageSize());
    }

    /** Trainable parameters, as PyTorch's sum(p.numel() for p in net.parameters()) counts them. */
    public static long trainableParameters(Block network) {
        return network.getParameters().values().stream()
                .filter(Parameter::requiresGradient)
                .mapToLong(p -> p.getShape().size())
                .sum();
    }
}
