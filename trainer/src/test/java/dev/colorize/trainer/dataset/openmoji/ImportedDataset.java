package dev.colorize.trainer.dataset.openmoji;

import dev.colorize.trainer.dataset.triplet.TripletFiles;
import dev.colorize.trainer.dataset.triplet.TripletFilter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs the importer on the fixture tarball and reads back what it wrote. */
final class ImportedDataset {

    final Path out;
    final OpenMojiImportReport report;
    final String log;

    private ImportedDataset(Path out, OpenMojiImportReport report, String log) {
        this.out = out;
        this.report = report;
        this.log = log;
    }

    static ImportedDataset run(Path tarball, Path out, int trainPages, int validationPages) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        OpenMojiImportOptions options = new OpenMojiImportOptions(128, trainPages, validationPages, 0.1, 7, 0, 2);
        OpenMojiImportReport report;
        try (PrintStream log = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            report = new OpenMojiImporter(new DrawingFilter(), TripletFilter.standard(), log).run(tarball, out, options);
        }
        return new ImportedDataset(out, report, buffer.toString(StandardCharsets.UTF_8));
    }

    /** Names (hexcodes, page names) written in {@code kind/split}, from their {@code .color.png}. */
    Set<String> names(String kind, String split) throws IOException {
        Path folder = out.resolve(kind).resolve(split);
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(TripletFiles.COLOR))
                    .map(n -> n.substring(0, n.length() - TripletFiles.COLOR.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** Every written drawing and its split. */
    Map<String, String> splitOfDrawing() throws IOException {
        Map<String, String> splits = new TreeMap<>();
        for (String split : new String[] {"train", "validation"}) {
            names(OpenMojiImporter.DRAWINGS, split).forEach(hex -> splits.put(hex, split));
        }
        return splits;
    }
}
