package dev.colorize.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.colorize.ml.testing.TinyModels;
import org.junit.jupiter.api.Test;

class Pix2PixLossesMatchTheirDefinitionsTest {

    private static double bce(double z, double t) {
        double p = 1 / (1 + Math.exp(-z));
        return -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }

    @Test
    void bceWithLogitsEqualsTheTextbookFormulaAndStaysFiniteForLargeLogits() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] z = {-3f, -0.5f, 0f, 0.7f, 4f};
            NDArray logits = manager.create(z);
            for (float t : new float[] {0f, 1f}) {
                double expected = 0;
                for (float v : z) {
                    expected += bce(v, t) / z.length;
                }
                assertThat(Pix2PixLosses.bceWithLogits(logits, t).getFloat()).isCloseTo((float) expected, within(1e-5f));
            }
            float big = Pix2PixLosses.bceWithLogits(manager.create(new float[] {200f, -200f}), 1f).getFloat();
            assertThat(big).isCloseTo(100f, within(1e-3f)); // (0 + 200) / 2, no overflow
        }
    }

    @Test
    void discriminatorLossIsHalfTheSumAndL1IsTheMeanAbsoluteError() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray real = manager.create(new float[] {2f});
            NDArray fake = manager.create(new float[] {-1f});
            float expected = (float) (0.5 * (bce(2, 1) + bce(-1, 0)));
            assertThat(Pix2PixLosses.discriminatorLoss(real, fake).getFloat()).isCloseTo(expected, within(1e-6f));
            NDArray y = manager.create(new float[] {1f, -1f, 0.5f, 0f});
            NDArray g = manager.create(new float[] {0f, -1f, 1f, -1f});
            assertThat(Pix2PixLosses.l1(y, g).getFloat()).isCloseTo(0.625f, within(1e-7f));
        }
    }

    @Test
    void weightedL1CountsEachPixelByItsWeightOverEveryColorChannel() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // one pair, 3 channels of 1 x 2 pixels: errors 1 and 3 in every channel
            NDArray expected = manager.create(new float[] {1f, 1f, 1f, 1f, 1f, 1f}, new Shape(1, 3, 1, 2));
            NDArray actual = manager.create(new float[] {0f, -2f, 0f, -2f, 0f, -2f}, new Shape(1, 3, 1, 2));
            NDArray even = manager.create(new float[] {1f, 1f}, new Shape(1, 1, 1, 2));
            assertThat(Pix2PixLosses.weightedL1(expected, actual, even).getFloat())
                    .isCloseTo(Pix2PixLosses.l1(expected, actual).getFloat(), within(1e-6f)); // 2
            NDArray second = manager.create(new float[] {1f, 4f}, new Shape(1, 1, 1, 2));
            assertThat(Pix2PixLosses.weightedL1(expected, actual, second).getFloat())
                    .isCloseTo((1f + 4f * 3f) / 5f, within(1e-6f));
        }
    }

    @Test
    void learningRateIsConstantThenDecaysLinearlyToZeroOverTheSecondHalf() {
        TrainingConfig config = TrainingConfig.paper(TinyModels.spec(), 200, 0);
        assertThat(config.learningRateAt(0)).isEqualTo(2e-4f);
        assertThat(config.learningRateAt(99)).isEqualTo(2e-4f);
        assertThat(config.learningRateAt(100)).isCloseTo(2e-4f * 100 / 101, within(1e-9f));
        assertThat(config.learningRateAt(199)).isCloseTo(2e-4f / 101, within(1e-9f));
        assertThat(config.learningRateAt(150)).isLessThan(config.learningRateAt(120));
    }
}
