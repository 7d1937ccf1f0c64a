package dev.colorize.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
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

    @Test
    void aReferenceFolderPairsEachColoredImageWithTheLineArtBesideIt() throws Exception {
        Path refs = Files.createDirectories(root.resolve("refs"));
        Files.write(refs.resolve("aiko.png"), new byte[] {1});
        Files.write(refs.resolve("aiko.lines.png"), new byte[] {2});
        Files.write(refs.resolve("ben.JPG"), new byte[] {3});
        Files.write(refs.resolve("cover.webp"), new byte[] {4});
        Files.writeString(refs.resolve("notes.txt"), "not an image");
        Files.createDirectories(refs.resolve("sub.png")); // a folder, not an image

        LocalOptions options = LocalOptions.parse(new String[] {"--reference", refs.toString()}, root);

        assertThat(options.references()).isEqualTo(refs.toAbsolutePath());
        assertThat(LocalOptions.referenceImages(options.references())).containsExactly(
                new LocalOptions.ReferenceImage(refs.resolve("aiko.png"), refs.resolve("aiko.lines.png")),
                new LocalOptions.ReferenceImage(refs.resolve("ben.JPG"), null),
                new LocalOptions.ReferenceImage(refs.resolve("cover.webp"), null));
        assertThat(LocalOptions.parse(new String[0], root).references()).as("no references unless asked").isNull();
        assertThat(LocalOptions.SERIES).isEqualTo("local");
    }

    @Test
    void aReferenceThatIsNotAFolderOrHoldsNoImagesIsRefusedBeforeAnythingStarts() throws Exception {
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--reference", root.resolve("nope").toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("--reference " + root.resolve("nope"))
                .hasMessageContaining("is not a folder of colored reference images");
        Path file = Files.write(root.resolve("aiko.png"), new byte[] {1});
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--reference", file.toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class).hasMessageContaining("is not a folder");
        Path empty = Files.createDirectories(root.resolve("empty"));
        Files.writeString(empty.resolve("readme.txt"), "no images here");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--reference", empty.toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("holds no colored images (PNG, JPEG or WebP)");
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--reference"}, root))
                .hasMessageContaining("--reference needs a value");
    }

    @Test
    void lineArtWithoutItsColoredImageOrTwoImagesOfOneNameAreRefused() throws Exception {
        Path refs = Files.createDirectories(root.resolve("refs"));
        Files.write(refs.resolve("aiko.png"), new byte[] {1});
        Files.write(refs.resolve("ben.lines.png"), new byte[] {2});
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--reference", refs.toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("ben.lines.png is line art without its colored image (ben.png, .jpg or .webp");

        Path onlyLines = Files.createDirectories(root.resolve("only-lines"));
        Files.write(onlyLines.resolve("aiko.lines.png"), new byte[] {2});
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--reference", onlyLines.toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("aiko.lines.png is line art without its colored image");

        Path twice = Files.createDirectories(root.resolve("twice"));
        Files.write(twice.resolve("aiko.png"), new byte[] {1});
        Files.write(twice.resolve("aiko.jpg"), new byte[] {1});
        assertThatThrownBy(() -> LocalOptions.parse(new String[] {"--reference", twice.toString()}, root))
                .isInstanceOf(LocalOptions.UsageException.class)
                .hasMessageContaining("two images named aiko (aiko.jpg, aiko.png)");
    }

    @Test
    void theUsageTextNamesTheReferenceOption() {
        assertThat(LocalOptions.USAGE).contains("[--reference DIR]").contains("--reference  a folder of colored reference art")
                .contains("aiko.lines.png beside aiko.png");
    }
}
