package dev.colorize.ml.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import dev.colorize.ml.SyntheticShapes;
import dev.colorize.ml.testing.TinyModels;
import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.eval.Evaluator;
import dev.colorize.ml.infer.GeneratorRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TinyModelLearnsShapeColorsTest {

    @Test
    void fewHundredStepsBeatTheMeanColorAndSketchBaselines() {
        SyntheticShapes shapes = new SyntheticShapes(64);
        TrainingConfig config = TinyModels.config(400, 1).withLearningRate(1e-3f);
        List<StepMetrics> steps = new ArrayList<>();
        try (Pix2PixTrainer trainer = Pix2PixTrainer.create(config, Device.cpu())) {
            trainer.train(shapes, 400, steps::add);
            EvaluationReport report = Evaluator.evaluate(
                    new GeneratorRunner(trainer.generator(), config.spec(), trainer.manager()),
                    shapes.validationSet(16, 99));
            System.out.println(report);

            assertThat(steps).hasSize(400);
            assertThat(steps.get(399).step()).isEqualTo(400);
            assertThat(report.model().l1()).isLessThan(0.5 * report.meanColorBaseline().l1());
            assertThat(report.model().l1()).isLessThan(report.sketchBaseline().l1());
            assertThat(report.model().colorfulness()).isGreaterThan(report.sketchBaseline().colorfulness() + 10);
            assertThat(report.model().lineF1()).isGreaterThan(0.6);
        }
    }
}
