package dev.colorize.stack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.colorize.stack.StackEndpoints;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSelectionTest {

    private static final Map<String, String> EXTERNAL = Map.of(
            "COLORIZE_KAFKA_BOOTSTRAP", "kafka:9092",
            "COLORIZE_DB_URL", "jdbc:postgresql://db:5432/colorize",
            "COLORIZE_S3_ENDPOINT", "http://minio:9000",
            "COLORIZE_S3_ACCESS_KEY", "minio",
            "COLORIZE_S3_SECRET_KEY", "minio-secret");

    @Test
    void noEnvironmentMeansTheEmbeddedStack() {
        SharedStack.Selection selection = SharedStack.select(Map.of(), null, () -> "no docker");
        assertThat(selection.kind()).isEqualTo(SharedStack.Selection.Kind.EMBEDDED);
    }

    @Test
    void serversNamedByTheEnvironmentAreUsedAsTheyAre() {
        SharedStack.Selection selection = SharedStack.select(EXTERNAL, null, () -> "no docker");
        assertThat(selection.kind()).isEqualTo(SharedStack.Selection.Kind.EXTERNAL);
        StackEndpoints endpoints = selection.external();
        assertThat(endpoints.kafkaBootstrap()).isEqualTo("kafka:9092");
        assertThat(endpoints.dbUser()).isEqualTo("postgres");
        assertThat(endpoints.s3Region()).isEqualTo("us-east-1");
        assertThat(endpoints.asQuarkusConfig()).containsEntry("colorize.object-store.secret-key", "minio-secret");
    }

    @Test
    void halfAnExternalStackIsRefusedWithTheMissingNames() {
        assertThatThrownBy(() -> SharedStack.select(Map.of("COLORIZE_DB_URL", "jdbc:postgresql://db/x"), null, () -> null))
                .hasMessageContaining("COLORIZE_KAFKA_BOOTSTRAP")
                .hasMessageContaining("COLORIZE_S3_ENDPOINT");
    }

    @Test
    void containersWithoutDockerFallBackToTheEmbeddedStackSayingWhy() {
        SharedStack.Selection selection = SharedStack.select(EXTERNAL, "containers", () -> "no Docker engine answers");
        assertThat(selection.kind()).isEqualTo(SharedStack.Selection.Kind.EMBEDDED);
        assertThat(selection.note()).contains("cannot run: no Docker engine answers").contains("embedded stack");
    }

    @Test
    void containersWithDockerAreUsed() {
        SharedStack.Selection selection = SharedStack.select(Map.of(), "containers", () -> null);
        assertThat(selection.kind()).isEqualTo(SharedStack.Selection.Kind.CONTAINERS);
    }

    @Test
    void thisMachineHasNoDockerEngineAndTheCheckSaysSoInsteadOfThrowing() {
        // There is no Docker engine on the build machines; the check must answer in words, not blow up.
        String reason = ContainerStack.dockerUnavailableReason();
        org.junit.jupiter.api.Assumptions.assumeTrue(reason != null, "a Docker engine answers here");
        assertThat(reason).isNotBlank();
    }
}
