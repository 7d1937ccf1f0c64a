package dev.colorize.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import dev.colorize.ml.SyntheticShapes;
import dev.colorize.ml.testing.TinyModels;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainUntilStopsAtTheLastStepOrTheTimeBudgetTest {

    private final SyntheticShapes shapes = new SyntheticShapes(64);

    /** Records the steps the loop announces before and after each one. */
    private static final class Recorder implements StepHandler<RuntimeException> {
        final List<Long> before = new ArrayList<>();
        final List<Long> after = new ArrayList<>();
        double millis;

        @Override
        public void beforeStep(long step) {
            before.add(step);
        }

        @Override
        public void afterStep(StepMetrics metrics) {
            after.add(metrics.step());
            millis += metrics.stepMillis();
        }
    }

    @Test
    void stopsAtTheLastStepWhenTheBudgetIsUnlimitedAndReturnsTheStepsTime() {
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(TinyModels.config(10, 3), Device.cpu())) {
            Recorder recorder = new Recorder();
            double trained = trainer.trainUntil(shapes, 3, Double.MAX_VALUE, 7, recorder);
            assertThat(trainer.step()).isEqualTo(3);
            assertThat(recorder.before).containsExactly(0L, 1L, 2L);
            assertThat(recorder.after).containsExactly(1L, 2L, 3L);
            assertThat(trained).isCloseTo(7 + recorder.millis, within(1e-6));

            trainer.trainUntil(shapes, 5, Double.MAX_VALUE, 0, recorder);
            assertThat(recorder.after).containsExactly(1L, 2L, 3L, 4L, 5L);
        }
    }

    @Test
    void stopsAfterTheStepThatSpendsTheBudgetAndCountsTimeSpentBeforeAResume() {
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(TinyModels.config(10, 3), Device.cpu())) {
            Recorder recorder = new Recorder();
            trainer.trainUntil(shapes, 10, Double.MIN_VALUE, 0, recorder);
            assertThat(recorder.after).containsExactly(1L);

            double trained = trainer.trainUntil(shapes, 10, 100, 100, recorder);
            assertThat(trained).isEqualTo(100);
            assertThat(trainer.step()).isEqualTo(1);
        }
    }

    @Test
    void aHandlerThatThrowsBeforeAStepStopsTheRunThere() {
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(TinyModels.config(10, 3), Device.cpu())) {
            StepHandler<IllegalStateException> stopAtTwo = new StepHandler<>() {
                @Override
                public void beforeStep(long step) {
                    if (step == 2) {
                        throw new IllegalStateException("stopping");
                    }
                }

                @Override
                public void afterStep(StepMetrics metrics) {}
            };
            assertThatThrownBy(() -> trainer.trainUntil(shapes, 10, Double.MAX_VALUE, 0, stopAtTwo))
                    .hasMessage("stopping");
            assertThat(trainer.step()).isEqualTo(2);
        }
    }
}
