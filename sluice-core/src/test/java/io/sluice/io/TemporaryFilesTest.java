package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sluice.run.ProcessIdentity;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files name their writer; those of writers that ended are removed at the next write. */
class TemporaryFilesTest {
    @TempDir
    Path project;

    private final ProcessIdentity self = ProcessIdentity.CURRENT;

    private TextDataset notes() {
        return new TextDataset(DatasetConfig.of("notes", "text", map("filepath", "data/notes.txt"), project));
    }

    private RunContext run(String id) {
        return new RunContext(id, "__default__", "local", Map.of(), project, Map.of());
    }

    private Path temp(String name) throws IOException {
        Path folder = project.resolve("data/.sluice-tmp");
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        Files.write(file, new byte[4096]);
        return file;
    }

    /** A process id no process has: Linux allocates ids below 2^22. */
    private static final long DEAD_PID = 99_999_999L;

    private List<String> tempFolder() throws IOException {
        try (Stream<Path> files = Files.list(project.resolve("data/.sluice-tmp"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriteLeavesNoTemporaryFileAndNamesItsTemporaryFilesAfterItsProcess() throws Exception {
        Path reserved = TempFiles.reserve(project.resolve("data/notes.txt"));

        assertThat(reserved.getParent()).isEqualTo(project.resolve("data/.sluice-tmp"));
        assertThat(reserved.getFileName().toString()).matches("notes\\.txt\\." + self.pid() + "-" + self.startTag()
                + "-" + self.hostTag() + "-[0-9a-f]{8}\\.tmp");
        notes().save(run("r1"), "hello");
        assertThat(tempFolder()).isEmpty();
    }

    @Test
    void theNextWriteRemovesTemporaryFilesOfWritersThatEnded() throws Exception {
        temp("notes.txt." + DEAD_PID + "-0-" + self.hostTag() + "-0000abcd.tmp");
        temp(".notes.txt.sluice." + DEAD_PID + "-0-" + self.hostTag() + "-0000abce.tmp");
        temp("other.csv." + DEAD_PID + "-0-" + self.hostTag() + "-0000abcf.tmp");
        String live = "notes.txt." + self.pid() + "-" + self.startTag() + "-" + self.hostTag() + "-0000abcd.tmp";
        temp(live);

        notes().save(run("r1"), "hello");

        assertThat(tempFolder()).containsExactly(live);
    }

    @Test
    void aTemporaryFileOfAnotherHostIsLeftUntilUntouchedForAnHour() throws Exception {
        String otherHost = self.hostTag().equals("0badc0de") ? "0badc0df" : "0badc0de";
        Path recent = temp("notes.txt.42-0-" + otherHost + "-00000001.tmp");
        Path old = temp("notes.txt.43-0-" + otherHost + "-00000002.tmp");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofMinutes(61))));

        notes().save(run("r1"), "hello");

        assertThat(recent).exists();
        assertThat(old).doesNotExist();
    }

    @Test
    void leftoverNamesTheReasonAndSparesLiveWritersAndOtherFiles() throws Exception {
        Path dead = temp("notes.txt." + DEAD_PID + "-0-" + self.hostTag() + "-00000001.tmp");
        Path live = temp("notes.txt." + self.pid() + "-" + self.startTag() + "-" + self.hostTag() + "-00000001.tmp");
        Files.createDirectories(project.resolve("data"));
        Path legacy = project.resolve("data/.notes.txt.8812736451.tmp");
        Files.writeString(legacy, "half");
        Path recentLegacy = project.resolve("data/.notes.txt.17.tmp");
        Files.writeString(recentLegacy, "half");
        Files.setLastModifiedTime(legacy, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path mine = project.resolve("data/notes.txt");
        Files.writeString(mine, "not a temporary file");

        assertThat(AtomicFiles.leftover(dead)).contains("temporary file of an interrupted write: its writer, process "
                + DEAD_PID + ", has ended");
        assertThat(AtomicFiles.leftover(live)).isEmpty();
        assertThat(AtomicFiles.leftover(legacy)).contains("temporary file of an interrupted write by an earlier"
                + " Sluice, untouched for over an hour");
        assertThat(AtomicFiles.leftover(recentLegacy)).isEmpty();
        assertThat(AtomicFiles.leftover(mine)).isEmpty();
    }

    @Test
    void aRecordWhoseFileIsGoneIsALeftoverOnceItsWriterHasEnded() throws Exception {
        notes().save(run("r1"), "hello");
        Path record = project.resolve("data/.notes.txt.sluice");
        Files.delete(project.resolve("data/notes.txt"));

        assertThat(AtomicFiles.leftover(record)).contains("checksum record of notes.txt, which does not exist (a"
                + " first save that was interrupted, or the file was deleted)");
        notes().save(run("r2"), "again");
        assertThat(AtomicFiles.leftover(record)).isEmpty();
    }

    @Test
    void savedFilesGetTheModeOfAFileCreatedNormally() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Files.createDirectories(project.resolve("data"));
        Path normal = Files.writeString(project.resolve("data/normal.txt"), "x");

        notes().save(run("r1"), "hello");

        assertThat(Files.getPosixFilePermissions(project.resolve("data/notes.txt")))
                .isEqualTo(Files.getPosixFilePermissions(normal));
        assertThat(Files.getPosixFilePermissions(project.resolve("data/.notes.txt.sluice")))
                .isEqualTo(Files.getPosixFilePermissions(normal));
    }
}
