package dev.colorize.stack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * {@code @QuarkusTestResource(EmbeddedStackTestResource.class)} (or @WithTestResource): hands a
 * Quarkus service the shared stack's URLs. The stack outlives each test class and stops with the JVM.
 */
public final class EmbeddedStackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return SharedStack.endpoints().asQuarkusConfig();
    }

    @Override
    public void stop() {
        // shared across test classes; the JVM's shutdown hook stops it
    }
}
