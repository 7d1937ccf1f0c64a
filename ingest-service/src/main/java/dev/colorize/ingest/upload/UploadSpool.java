package dev.colorize.ingest.upload;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One upload's room on the spool disk: the bytes it holds in the {@link SpoolBudget} and the folder its archive
 * entries inflate into (made at the first). Closing removes the folder and gives the bytes back; the caller closes it
 * also when the upload is refused, so a refused upload leaves nothing behind.
 */
public final class UploadSpool implements AutoCloseable {

    private final SpoolBudget.Reservation reservation;
    private final SpoolFolders folders;
    private Path folder;

    UploadSpool(SpoolBudget budget, SpoolFolders folders) {
        this.reservation = budget.open();
        this.folders = folders;
    }

    /** Holds bytes already on the spool disk for this upload (a part as Quarkus spooled it), naming its file. */
    void hold(long bytes, String file) {
        reservation.take(bytes, file);
    }

    /** A new file in the upload's folder; its bytes are taken from the budget, in the upload's name, before written. */
    SpoolFile create(String name, String upload) {
        if (folder == null) {
            folder = folders.newFolder();
        }
        return new SpoolFile(folder.resolve(name), upload);
    }

    @Override
    public void close() {
        if (folder != null) {
            SpoolFolders.delete(folder);
        }
        reservation.close();
    }

    /**
     * A file being written into the spool. The spool is the service's disk: failing to write it (disk full) is the
     * service's error, not the upload's, so it is unchecked and never taken for a bad archive.
     */
    final class SpoolFile implements AutoCloseable {

        private final Path path;
        private final String upload;
        private final OutputStream out;

        private SpoolFile(Path path, String upload) {
            this.path = path;
            this.upload = upload;
            try {
                this.out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Path path() {
            return path;
        }

        void write(byte[] bytes, int length) {
            reservation.take(length, upload);
            try {
                out.write(bytes, 0, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
