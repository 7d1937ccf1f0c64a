package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOptionsTest {

    @TempDir
    Path root;

    @Test
    void defaultsColorTheSampleChapterIntoColorizedWithDataInTheCheckout() {
        LocalOptions options = LocalOptions.parse(new String[0], root);
        assertThat(options.input()).isNull();
        assertThat(options.data()).isEqualTo(root.resolve(".colorize-data"));
        assertThat(options.output().getFileName()).hasToString("colorized");
        assertThat(options.bootstrapBudget().toSeconds()).isEqualTo(180);
    }

    @Test
    void aMissingInputIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--input", root.resolve("nope").toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("neither a folder of pages nor a CBZ/ZIP file");
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrors() {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--bogus", "x"}, root))
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--output"}, root))
                .hasMessageContaining("--output needs a value");
    }

    @Test
    void anExistingFolderAndABudgetAreTaken() {
        LocalOptions options = LocalOptions.parse(new String[] {"--input", root.toString(), "--bootstrap-seconds", "60"}, root);
        assertThat(options.input()).isEqualTo(root.toAbsolutePath());
        assertThat(options.bootstrapBudget().toSeconds()).isEqualTo(60);
        assertThat(options.bootstrap()).as("the shipped model unless asked").isFalse();
        assertThat(LocalOptions.parse(new String[] {"--bootstrap", "--output", "x"}, root).bootstrap()).isTrue();
        assertThat(options.layers()).as("the colored pages only unless asked").isFalse();
        assertThat(LocalOptions.parse(new String[] {"--layers"}, root).layers()).isTrue();
    }

    @Test
    void aHintsFolderIsTakenAndAMissingOneRefused() {
        assertThat(LocalOptions.parse(new String[0], root).hints()).as("automatic coloring unless asked").isNull();
        assertThat(LocalOptions.parse(new String[] {"--hints", root.toString()}, root).hints())
                .isEqualTo(root.toAbsolutePath());
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--hints", root.resolve("nope").toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class).hasMessageContaining("not a folder of hint files");
    }
}
