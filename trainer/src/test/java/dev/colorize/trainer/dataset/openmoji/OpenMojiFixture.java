package dev.colorize.trainer.dataset.openmoji;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The nine real OpenMoji drawings under {@code src/test/resources/openmoji}, packed like the npm tarball
 * ({@code package/...}) into a {@code .tgz}, optionally without some drawings.
 */
final class OpenMojiFixture {

    static final Set<String> KEPT = Set.of("1F600", "1F603", "1F64A", "1F34E", "2665", "1F90E");
    static final String FLAG = "1F1E9-1F1EA";
    static final String REGIONAL_INDICATOR = "1F1E6";
    static final String PAINT_OVER_LINES = "1F4AF";
    static final String LINE_SUPPLEMENT = "1F64A";

    private OpenMojiFixture() {}

    static Path folder() {
        try {
            return Path.of(OpenMojiFixture.class.getResource("/openmoji").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tarball(Path dir) throws IOException {
        return tarball(dir, Set.of());
    }

    /** Writes {@code dir/openmoji-test.tgz} holding every fixture drawing but {@code without}. */
    static Path tarball(Path dir, Set<String> without) throws IOException {
        Path root = folder();
        Path tgz = dir.resolve("openmoji-test.tgz");
        try (OutputStream file = Files.newOutputStream(tgz);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(file))) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String name = root.relativize(f).toString().replace('\\', '/');
                String hex = f.getFileName().toString().replace(".svg", "");
                if (name.endsWith(".svg") && without.contains(hex)) {
                    continue;
                }
                byte[] bytes = name.equals("data/openmoji.csv") ? csvWithout(f, without) : Files.readAllBytes(f);
                TarArchiveEntry entry = new TarArchiveEntry("package/" + name);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
        return tgz;
    }

    private static byte[] csvWithout(Path csv, Set<String> without) throws IOException {
        String kept = Files.readAllLines(csv, StandardCharsets.UTF_8).stream()
                .filter(line -> without.stream().noneMatch(hex -> line.contains("," + hex + ",")))
                .collect(Collectors.joining("\n", "", "\n"));
        return kept.getBytes(StandardCharsets.UTF_8);
    }

    /** The fixture drawings, read from the resource folder. */
    static OpenMojiPackage read() throws IOException {
        return OpenMojiPackage.read(folder());
    }

    static OpenMojiDrawing drawing(String hex) throws IOException {
        return read().drawings().stream().filter(d -> d.hexcode().equals(hex)).findFirst().orElseThrow();
    }
}
