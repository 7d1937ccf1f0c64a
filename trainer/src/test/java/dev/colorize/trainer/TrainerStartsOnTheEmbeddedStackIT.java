package dev.colorize.trainer;

import dev.colorize.stack.testing.EmbeddedStackTestResource;
import dev.colorize.stack.testing.ServiceStartsOnTheEmbeddedStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(EmbeddedStackTestResource.class)
class TrainerStartsOnTheEmbeddedStackIT extends ServiceStartsOnTheEmbeddedStack {

    @Test
    void isReadyWithItsDatabaseChecked() {
        assertReadyWithItsDatabaseChecked();
    }
}
