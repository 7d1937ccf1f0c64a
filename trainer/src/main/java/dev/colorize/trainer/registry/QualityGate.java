package dev.colorize.trainer.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Refuses a candidate whose validation L1 is worse than production's by more than the margin. Where the
 * candidate's run measured this same production version on the candidate's validation images, that
 * like-for-like figure is used; otherwise production's own registered L1. A candidate whose L1 is NaN (its training
 * diverged) is refused.
 */
public final class QualityGate {

    private final double maxL1Regression;

    public QualityGate(double maxL1Regression) {
        this.maxL1Regression = maxL1Regression;
    }

    /** Why the candidate may not replace production, or empty when it may. */
    public Optional<String> refusal(ModelVersion candidate, ModelVersion production) {
        if (candidate.version() == production.version()) {
            return Optional.empty();
        }
        if (candidate.metrics() == null) {
            return Optional.of("version " + candidate.version() + " has no validation metrics");
        }
        double candidateL1 = candidate.metrics().model().l1();
        if (Double.isNaN(candidateL1)) {
            // NaN compares false with everything: without this a diverged run's version would pass the gate
            return Optional.of("validation L1 of version " + candidate.version()
                    + " is not a number (NaN: its training diverged)");
        }
        Double productionL1 = productionL1(candidate, production);
        if (productionL1 == null) {
            return Optional.empty();
        }
        if (candidateL1 > productionL1 + maxL1Regression) {
            return Optional.of(String.format(Locale.ROOT,
                    "validation L1 %.4f of version %d is worse than production version %d's %.4f by more than %.4f",
                    candidateL1, candidate.version(), production.version(), productionL1, maxL1Regression));
        }
        return Optional.empty();
    }

    /** Production's L1 to compare the candidate with; null when production was never evaluated. */
    public static Double productionL1(ModelVersion candidate, ModelVersion production) {
        ValidationMetrics m = candidate.metrics();
        if (m != null && m.production() != null && Integer.valueOf(production.version()).equals(m.productionVersion())) {
            return m.production().l1();
        }
        return production.metrics() == null ? null : production.metrics().model().l1();
    }
}
