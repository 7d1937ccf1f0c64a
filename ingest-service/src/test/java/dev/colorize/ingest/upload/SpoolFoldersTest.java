package dev.colorize.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFoldersTest {

    @TempDir
    Path uploads;

    @Test
    void aSpoolFolderLeftByAnEndedProcessIsRemovedAtStartAndNothingElse() throws IOException {
        Path root = uploads.resolve(SpoolFolders.ROOT);
        // what a process killed mid-upload leaves: its unlocked lock file and its folder with an inflated page
        Path stale = Files.createDirectories(root.resolve("ended-process").resolve("pages-1"));
        Files.write(stale.resolve("1.page"), new byte[1000]);
        Path staleLock = Files.createFile(root.resolve("ended-process.lock"));
        Path quarkusPart = Files.write(uploads.resolve("part-of-a-request"), new byte[10]);
        SpoolFolders live = new SpoolFolders(root);
        Path liveUpload = live.newFolder();

        SpoolFolders started = new SpoolFolders(root);
        int removed = started.removeLeftovers();

        assertThat(removed).isEqualTo(1);
        assertThat(root.resolve("ended-process")).doesNotExist();
        assertThat(staleLock).doesNotExist();
        assertThat(liveUpload).as("a live process's upload folder").isDirectory();
        assertThat(quarkusPart).as("outside the spool root").exists();
        assertThat(started.own()).isDirectory();
        live.close();
        started.close();
        assertThat(root).isEmptyDirectory();
    }
}
