package dev.colorize.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.colorize.ml.nn.GradMode;
import org.junit.jupiter.api.Test;

class AdamSkipsAnUpdateWhoseGradientsAreNotFiniteTest {

    @Test
    void aNanGradientLeavesWeightsAndMomentsAsTheyWereAndTheNextFiniteOneUpdates() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                AdamOptimizer adam = new AdamOptimizer(manager, 0.5f, 0.999f)) {
            Linear layer = Linear.builder().setUnits(2).build();
            layer.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            ParameterStore store = new ParameterStore(manager, false);
            float[] before = layer.getParameters().get("weight").getArray().toFloatArray();

            backward(layer, store, manager.create(new float[] {1f, Float.NaN, 2f}, new Shape(1, 3)));
            assertThat(adam.update(layer.getParameters(), 0.1f)).isFalse();
            assertThat(layer.getParameters().get("weight").getArray().toFloatArray()).containsExactly(before);
            assertThat(layer.getParameters().get("weight").getArray().getGradient().toFloatArray()).containsOnly(0f);
            assertThat(adam.updates()).isZero();
            assertThat(adam.skippedUpdates()).isOne();

            backward(layer, store, manager.create(new float[] {1f, 3f, 2f}, new Shape(1, 3)));
            assertThat(adam.update(layer.getParameters(), 0.1f)).isTrue();
            float[] after = layer.getParameters().get("weight").getArray().toFloatArray();
            assertThat(after).doesNotContain(Float.NaN).isNotEqualTo(before);
            assertThat(adam.updates()).isOne();
        }
    }

    private static void backward(Linear layer, ParameterStore store, NDArray input) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray out = layer.forward(store, new NDList(input), true).singletonOrThrow();
            collector.backward(out.sum());
        }
        GradMode.offOnThisThread();
    }
}
