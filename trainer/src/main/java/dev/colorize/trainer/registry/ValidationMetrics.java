package dev.colorize.trainer.registry;

import dev.colorize.ml.eval.EvaluationReport;
import dev.colorize.ml.eval.MetricSet;

/**
 * model_versions.metrics: the version on its run's validation split, the two trivial baselines, and the
 * production model of that moment on the same images (null when there was none).
 */
public record ValidationMetrics(int images, MetricSet model, MetricSet sketchBaseline, MetricSet meanColorBaseline,
        double targetColorfulness, Integer productionVersion, MetricSet production) {

    public static ValidationMetrics of(EvaluationReport candidate, Integer productionVersion, EvaluationReport production) {
        return new ValidationMetrics(candidate.images(), candidate.model(), candidate.sketchBaseline(),
                candidate.meanColorBaseline(), candidate.targetColorfulness(), productionVersion,
                production == null ? null : production.model());
    }
}
