package dev.colorize.trainer.dataset.openmoji;

import static org.assertj.core.api.Assertions.assertThat;

import dev.colorize.trainer.dataset.Split;
import dev.colorize.trainer.dataset.triplet.ImportManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An author's drawings all go to one split, and the split of a drawing never depends on the others. */
class SplitIsByAuthorTest {

    @TempDir
    Path dir;

    @Test
    void noAuthorHasDrawingsInBothSplits() throws IOException {
        ImportedDataset data = ImportedDataset.run(OpenMojiFixture.tarball(dir), dir.resolve("out"), 0, 0);
        Map<String, String> authorOf = authors();
        Set<String> trainAuthors = new HashSet<>();
        Set<String> validationAuthors = new HashSet<>();
        data.splitOfDrawing().forEach((hex, split) ->
                (split.equals("train") ? trainAuthors : validationAuthors).add(authorOf.get(hex)));
        assertThat(trainAuthors).containsExactlyInAnyOrder("Emily Jäger", "Mariella Steeb", "Liz Bravo");
        assertThat(validationAuthors).containsExactlyInAnyOrder("Nicole Kornhaas", "Laura Dworatschek");
        assertThat(trainAuthors).doesNotContainAnyElementsOf(validationAuthors);
        assertThat(data.report.authors()).containsEntry(Split.TRAIN, 3).containsEntry(Split.VALIDATION, 2);
        assertThat(data.log).contains("drawings: 7/7");
    }

    @Test
    void sameSplitEveryTime() throws IOException {
        Path tgz = OpenMojiFixture.tarball(dir);
        ImportedDataset first = ImportedDataset.run(tgz, dir.resolve("first"), 0, 0);
        ImportedDataset second = ImportedDataset.run(tgz, dir.resolve("second"), 0, 0);
        assertThat(second.splitOfDrawing()).isEqualTo(first.splitOfDrawing()).hasSize(6);
        assertThat(Files.readString(second.out.resolve(ImportManifest.FILE)))
                .isEqualTo(Files.readString(first.out.resolve(ImportManifest.FILE)));
    }

    @Test
    void addingADrawingMovesNoOther() throws IOException {
        Path smaller = Files.createDirectories(dir.resolve("smaller"));
        Path larger = Files.createDirectories(dir.resolve("larger"));
        Map<String, String> without = ImportedDataset.run(OpenMojiFixture.tarball(smaller, Set.of("1F34E", "2665")),
                smaller.resolve("out"), 0, 0).splitOfDrawing();
        Map<String, String> with = ImportedDataset.run(OpenMojiFixture.tarball(larger), larger.resolve("out"), 0, 0)
                .splitOfDrawing();
        assertThat(without).hasSize(4);
        assertThat(with).hasSize(6).containsAllEntriesOf(without);
    }

    @Test
    void splitComesFromTheAuthorNameAlone() {
        AuthorSplit split = new AuthorSplit(0.1);
        assertThat(split.ofAuthor("Nicole Kornhaas")).isEqualTo(Split.VALIDATION);
        assertThat(split.ofAuthor("Emily Jäger")).isEqualTo(Split.TRAIN);
        assertThat(new AuthorSplit(0).ofAuthor("Nicole Kornhaas")).isEqualTo(Split.TRAIN);
        assertThat(new AuthorSplit(1).ofAuthor("Emily Jäger")).isEqualTo(Split.VALIDATION);
    }

    @Test
    void severalAuthorsCountAsTheFirst() {
        assertThat(OpenMojiDrawing.firstAuthor("Emily Jäger, Benedikt Groß")).isEqualTo("Emily Jäger");
        assertThat(OpenMojiDrawing.firstAuthor("Liz Bravo & Daniel Utz")).isEqualTo("Liz Bravo");
        assertThat(OpenMojiDrawing.firstAuthor("Liz Bravo and Daniel Utz")).isEqualTo("Liz Bravo");
        assertThat(OpenMojiDrawing.firstAuthor("  ")).isEqualTo("unknown");
        assertThat(OpenMojiDrawing.firstAuthor(null)).isEqualTo("unknown");
    }

    private static Map<String, String> authors() throws IOException {
        Map<String, String> authors = new java.util.HashMap<>();
        OpenMojiFixture.read().drawings().forEach(d -> authors.put(d.hexcode(), d.author()));
        return authors;
    }
}
