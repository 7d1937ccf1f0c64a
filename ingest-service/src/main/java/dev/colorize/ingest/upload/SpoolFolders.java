package dev.colorize.ingest.upload;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where uploads inflate archive entries: a folder of this process under {@value #ROOT} in Quarkus's uploads directory
 * (the same volume as the spooled parts), beside a lock file the process holds while it lives. At start, the folders
 * whose lock nobody holds are removed: left by a process that died (a crash, an OOM kill; the pod's emptyDir outlives
 * its container). Folders of live processes sharing the uploads directory (local runs, parallel test JVMs) are left
 * alone, and nothing outside {@value #ROOT} is ever touched.
 */
@ApplicationScoped
public class SpoolFolders {

    static final String ROOT = "colorize-spool";
    private static final String LOCK = ".lock";
    private static final Logger LOG = Logger.getLogger(SpoolFolders.class);

    private final Path root;
    private final Path lockFile;
    private final FileChannel lock;
    private final Path own;

    @Inject
    public SpoolFolders(@ConfigProperty(name = "quarkus.http.body.uploads-directory") String uploadsDirectory) {
        this(Path.of(uploadsDirectory).resolve(ROOT));
    }

    /** Takes a folder of this process under root; the lock file comes first, so a folder is never without one. */
    SpoolFolders(Path root) {
        this.root = root;
        String id = UUID.randomUUID().toString();
        this.lockFile = root.resolve(id + LOCK);
        this.own = root.resolve(id);
        try {
            Files.createDirectories(root);
            lock = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            lock.lock();
            Files.createDirectory(own);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void removeLeftoversOnStart(@Observes StartupEvent start) {
        removeLeftovers();
    }

    /** Removes the folders of processes that have ended; returns how many. */
    int removeLeftovers() {
        List<Path> locks;
        try (Stream<Path> files = Files.list(root)) {
            locks = files.filter(f -> f.getFileName().toString().endsWith(LOCK) && !f.equals(lockFile)).toList();
        } catch (IOException e) {
            LOG.warnf("Could not list the upload spool %s: %s", root, e.getMessage());
            return 0;
        }
        int removed = 0;
        for (Path file : locks) {
            if (removeIfEnded(file)) {
                removed++;
            }
        }
        if (removed > 0) {
            LOG.infof("Removed %d upload spool folders left by ended processes under %s", removed, root);
        }
        return removed;
    }

    private static boolean removeIfEnded(Path lockFile) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock held = channel.tryLock()) {
            if (held == null) {
                return false;
            }
            String name = lockFile.getFileName().toString();
            // the folder first: if this process dies meanwhile, the lock file is still there for the next start
            delete(lockFile.resolveSibling(name.substring(0, name.length() - LOCK.length())));
            Files.deleteIfExists(lockFile);
            return true;
        } catch (OverlappingFileLockException | NoSuchFileException e) {
            return false; // held by this JVM (another instance of the app), or removed by another starting process
        } catch (IOException e) {
            LOG.warnf("Could not look at the upload spool lock %s: %s", lockFile, e.getMessage());
            return false;
        }
    }

    /** A new folder for one upload's inflated entries. */
    Path newFolder() {
        try {
            return Files.createTempDirectory(own, "pages-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This process's folder, where every upload's folder is. */
    Path own() {
        return own;
    }

    /** Best effort: a leftover file is disk space, never a correctness problem (and the next start removes it). */
    static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Could not remove the upload spool %s: %s", folder, e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        delete(own);
        try {
            Files.deleteIfExists(lockFile);
            lock.close();
        } catch (IOException e) {
            LOG.warnf("Could not remove the upload spool lock %s: %s", lockFile, e.getMessage());
        }
    }
}
