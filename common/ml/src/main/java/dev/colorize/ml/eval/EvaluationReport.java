package dev.colorize.ml.eval;

/**
 * The model against trivial baselines on the same validation pairs.
 *
 * @param images validation pairs used
 * @param model the generator's outputs (eval mode)
 * @param sketchBaseline the sketch itself as a gray image
 * @param meanColorBaseline one constant image of the validation targets' mean color
 * @param targetColorfulness colorfulness of the ground truth, for scale
 */
public record EvaluationReport(
        int images, MetricSet model, MetricSet sketchBaseline, MetricSet meanColorBaseline, double targetColorfulness) {}
