package dev.colorize.trainer.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.ml.eval.MetricSet;
import org.junit.jupiter.api.Test;

class QualityGateTest {

    private final QualityGate gate = new QualityGate(0.005);

    private static MetricSet l1(double l1) {
        return new MetricSet(l1, 20, 0.5, 30, 0.5, 0.4);
    }

    /** A version with its own validation L1 and, optionally, the production version its run measured. */
    private static ModelVersion version(int version, Double l1, Integer measuredProduction, Double measuredL1) {
        ValidationMetrics metrics = l1 == null ? null : new ValidationMetrics(10, l1(l1), l1(0.3), l1(0.2), 30,
                measuredProduction, measuredL1 == null ? null : l1(measuredL1));
        return new ModelVersion(version, "models/v" + version + "/model.zip", "sha", null, null, "data", null,
                metrics, null, null, null, false);
    }

    @Test
    void passesACandidateWithinTheMarginOfProduction() {
        assertThat(gate.refusal(version(2, 0.104, null, null), version(1, 0.100, null, null))).isEmpty();
        assertThat(gate.refusal(version(3, 0.090, null, null), version(1, 0.100, null, null))).isEmpty();
    }

    @Test
    void refusesACandidateWorseThanProductionByMoreThanTheMargin() {
        assertThat(gate.refusal(version(2, 0.106, null, null), version(1, 0.100, null, null)))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("0.1060", "version 2", "production version 1", "0.1000", "0.0050"));
    }

    @Test
    void prefersProductionAsMeasuredOnTheCandidatesOwnValidationImages() {
        // on its own split production scored 0.100, on the candidate's images 0.120: 0.110 is no regression
        ModelVersion candidate = version(2, 0.110, 1, 0.120);
        assertThat(QualityGate.productionL1(candidate, version(1, 0.100, null, null))).isEqualTo(0.120);
        assertThat(gate.refusal(candidate, version(1, 0.100, null, null))).isEmpty();
        // a measurement of another version does not count
        assertThat(gate.refusal(version(3, 0.110, 7, 0.120), version(1, 0.100, null, null))).isPresent();
    }

    @Test
    void refusesACandidateWhoseTrainingDivergedToNaN() {
        assertThat(gate.refusal(version(2, Double.NaN, null, null), version(1, 0.100, null, null)))
                .contains("validation L1 of version 2 is not a number (NaN: its training diverged)");
        assertThat(gate.refusal(version(2, Double.NaN, null, null), version(1, null, null, null))).isPresent();
        // a production that diverged does not keep a sound candidate out
        assertThat(gate.refusal(version(3, 0.2, null, null), version(1, Double.NaN, null, null))).isEmpty();
    }

    @Test
    void refusesACandidateWithoutValidationMetrics() {
        assertThat(gate.refusal(version(2, null, null, null), version(1, 0.100, null, null)))
                .contains("version 2 has no validation metrics");
    }

    @Test
    void letsAnyCandidateReplaceAProductionThatWasNeverEvaluated() {
        // the first model (the shipped default) is registered without metrics
        ModelVersion unmeasured = version(1, null, null, null);
        assertThat(QualityGate.productionL1(version(2, 0.5, null, null), unmeasured)).isNull();
        assertThat(gate.refusal(version(2, 0.5, null, null), unmeasured)).isEmpty();
    }

    @Test
    void neverRefusesTheVersionThatIsProductionAlready() {
        assertThat(gate.refusal(version(1, null, null, null), version(1, null, null, null))).isEmpty();
    }
}
