package dev.colorize.stack.testing;

import dev.colorize.stack.EmbeddedStack;
import dev.colorize.stack.StackEndpoints;
import dev.colorize.stack.StackOptions;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stack of a test JVM, started on first use and stopped when the JVM exits. Which stack:
 * <ol>
 *   <li>COLORIZE_STACK=containers (or -Dcolorize.stack=containers): Testcontainers of the production
 *       images; without a Docker engine it says why and falls back to the embedded stack;</li>
 *   <li>else, servers named by COLORIZE_KAFKA_BOOTSTRAP, COLORIZE_DB_URL, COLORIZE_S3_ENDPOINT (+ keys);</li>
 *   <li>else the embedded stack in a temporary folder.</li>
 * </ol>
 */
public final class SharedStack {

    static final String MODE_VARIABLE = "COLORIZE_STACK";
    static final String MODE_PROPERTY = "colorize.stack";
    static final String CONTAINERS = "containers";

    private static final Logger LOG = LoggerFactory.getLogger(SharedStack.class);
    private static StackEndpoints endpoints;
    private static EmbeddedStack embedded;

    private SharedStack() {
    }

    public static synchronized StackEndpoints endpoints() {
        if (endpoints == null) {
            start(System.getenv(), System.getProperty(MODE_PROPERTY, System.getenv(MODE_VARIABLE)));
        }
        return endpoints;
    }

    /** The embedded stack, when that is what runs (fault tests stop and start its broker). */
    public static synchronized Optional<EmbeddedStack> embedded() {
        endpoints();
        return Optional.ofNullable(embedded);
    }

    /** Which stack a test JVM gets, and why; the Docker check is passed in so tests can choose its answer. */
    record Selection(Kind kind, StackEndpoints external, String note) {
        enum Kind { CONTAINERS, EXTERNAL, EMBEDDED }
    }

    static Selection select(Map<String, String> env, String mode, Supplier<String> dockerUnavailableReason) {
        if (CONTAINERS.equalsIgnoreCase(mode)) {
            String whyNot = dockerUnavailableReason.get();
            if (whyNot == null) {
                return new Selection(Selection.Kind.CONTAINERS, null, "Testcontainers of the production images");
            }
            return new Selection(Selection.Kind.EMBEDDED, null, "containers were asked for (" + MODE_VARIABLE + "="
                    + mode + ") but cannot run: " + whyNot + "; starting the embedded stack instead");
        }
        StackEndpoints external = StackEndpoints.fromEnvironment(env);
        if (external != null) {
            return new Selection(Selection.Kind.EXTERNAL, external, "running servers named by the environment: kafka "
                    + external.kafkaBootstrap() + ", db " + external.jdbcUrl() + ", s3 " + external.s3Endpoint());
        }
        return new Selection(Selection.Kind.EMBEDDED, null, "the embedded stack in a temporary folder");
    }

    /** A second try in a fresh folder on fresh ports: one failed start must not fail every test of the JVM. */
    private static EmbeddedStack startEmbedded() {
        try {
            return EmbeddedStack.start(StackOptions.temporary());
        } catch (RuntimeException first) {
            LOG.warn("The embedded stack did not start ({}); trying once more on other ports", first.getMessage(), first);
            return EmbeddedStack.start(StackOptions.temporary());
        }
    }

    private static void start(Map<String, String> env, String mode) {
        Selection selection = select(env, mode, ContainerStack::dockerUnavailableReason);
        if (selection.kind() == Selection.Kind.EMBEDDED && CONTAINERS.equalsIgnoreCase(mode)) {
            LOG.warn("{}", selection.note());
        } else {
            LOG.info("Test stack: {}", selection.note());
        }
        switch (selection.kind()) {
            case CONTAINERS -> endpoints = ContainerStack.start();
            case EXTERNAL -> endpoints = selection.external();
            case EMBEDDED -> {
                embedded = startEmbedded();
                endpoints = embedded.endpoints();
            }
        }
    }
}
