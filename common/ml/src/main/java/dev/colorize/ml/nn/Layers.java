package dev.colorize.ml.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.initializer.NormalInitializer;

/** The few layer kinds both networks are made of, with pix2pix's hyper-parameters. */
final class Layers {

    private Layers() {}

    /** 4x4 convolution, padding 1: stride 2 halves the map, stride 1 shrinks it by one pixel. */
    static Block conv4x4(int filters, int stride, boolean bias) {
        return Conv2d.builder()
                .setKernelShape(new Shape(4, 4))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(1, 1))
                .optBias(bias)
                .build();
    }

    /** Appends the spec's normalisation; PyTorch's BatchNorm2d momentum 0.1 is DJL's 0.9. */
    static void addNorm(SequentialBlock seq, Normalization normalization) {
        if (normalization == Normalization.BATCH) {
            seq.add(BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build());
        }
    }

    /** pix2pix omits conv biases in front of BatchNorm, whose beta plays that role. */
    static boolean biasBeforeNorm(Normalization normalization) {
        return normalization == Normalization.NONE;
    }

    static Block leakyRelu() {
        return Activation.leakyReluBlock(0.2f);
    }

    /** pix2pix init_weights('normal', 0.02): conv weights N(0, 0.02), BN gamma N(1, 0.02), beta 0. */
    static void initPix2Pix(Block block) {
        block.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        block.setInitializer(
                (manager, shape, dataType) -> manager.randomNormal(1f, 0.02f, shape, dataType),
                Parameter.Type.GAMMA);
    }
}
