package dev.colorize.trainer.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The text files of an npm package ({@code npm pack NAME}), read straight from its {@code .tgz} or from an
 * extracted folder (the {@code package/} folder or the one holding it), by their path inside the package.
 */
public final class NpmPackageFiles {

    private NpmPackageFiles() {}

    /**
     * The wanted files, path to UTF-8 text; {@code marker}, a file every such package holds, tells which
     * folder of an extracted copy is the package's root. Empty when a folder holds no marker.
     */
    public static Map<String, String> read(Path source, String marker, Predicate<String> wanted) throws IOException {
        return Files.isDirectory(source) ? readFolder(source, marker, wanted) : readTarball(source, wanted);
    }

    private static Map<String, String> readTarball(Path tgz, Predicate<String> wanted) throws IOException {
        Map<String, String> files = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tgz));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = withoutTopFolder(entry.getName());
                if (entry.isFile() && wanted.test(name)) {
                    files.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private static Map<String, String> readFolder(Path folder, String marker, Predicate<String> wanted)
            throws IOException {
        Path root = Files.isRegularFile(folder.resolve(marker)) ? folder : folder.resolve("package");
        Map<String, String> files = new HashMap<>();
        if (!Files.isRegularFile(root.resolve(marker))) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (wanted.test(name)) {
                    files.put(name, Files.readString(file, StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }

    private static String withoutTopFolder(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        int slash = n.indexOf('/');
        return slash < 0 ? n : n.substring(slash + 1);
    }
}
