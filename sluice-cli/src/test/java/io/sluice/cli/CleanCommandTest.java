package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.AtomicFiles;
import io.sluice.run.RunContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice clean}: what interrupted writes and ended runs leave, found and removed. */
class CleanCommandTest {
    @TempDir
    Path project;

    /** A process id no process has: Linux allocates ids below 2^22. */
    private static final long DEAD_PID = 99_999_999L;

    @BeforeEach
    void makeProject() throws IOException {
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("data/02_intermediate"));
    }

    private Cli sluice(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = project.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(all);
    }

    private List<Path> tempFiles(Path folder) throws IOException {
        Path temps = folder.resolve(".sluice-tmp");
        if (!Files.isDirectory(temps)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(temps)) {
            return files.toList();
        }
    }

    /** Starts a real process writing {@code target} atomically and kills it (SIGKILL) mid-write. */
    private void killAWriteOf(Path target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowWriter.class.getName(), target.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine(); // the writer may log first (a sweep of earlier leftovers)
            } while (line != null && !line.equals("writing"));
            assertThat(line).isEqualTo("writing");
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aWriteKilledMidWayLeavesATemporaryFileThatCleanListsThenRemoves() throws Exception {
        Path target = project.resolve("data/02_intermediate/companies.parquet");
        killAWriteOf(target);
        List<Path> left = tempFiles(target.getParent());
        assertThat(left).hasSize(1);
        String name = "data/02_intermediate/.sluice-tmp/" + left.get(0).getFileName();

        Cli dry = sluice("clean", "--dry-run");

        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would remove  " + name + "  1.0 MiB  temporary file of an interrupted write:"
                + " its writer, process ")
                .contains("Would remove 1 file (1.0 MiB). Run without --dry-run to remove them.");
        assertThat(left.get(0)).exists();

        Cli clean = sluice("clean");

        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("removed  " + name + "  1.0 MiB").contains("Removed 1 file (1.0 MiB).");
        assertThat(tempFiles(target.getParent())).isEmpty();
        assertThat(target).doesNotExist();
        assertThat(sluice("clean").out()).isEqualTo("Nothing to clean." + System.lineSeparator());
    }

    @Test
    void theNextWriteOfTheDatasetRemovesTheTemporaryFileOfAKilledWrite() throws Exception {
        Path target = project.resolve("data/02_intermediate/companies.parquet");
        killAWriteOf(target);
        List<Path> first = tempFiles(target.getParent());
        killAWriteOf(target);
        List<Path> second = tempFiles(target.getParent());
        assertThat(second).as("the second write removed the first's leftover").hasSize(1)
                .doesNotContainAnyElementsOf(first);

        AtomicFiles.write(target, out -> out.write(1));

        assertThat(tempFiles(target.getParent())).isEmpty();
        assertThat(target).hasSize(1);
    }

    @Test
    void cleanRemovesRecordsWithoutFilesEndedRunsLocksAndUnfinishedArchivesButNotLiveOnes() throws Exception {
        Path data = project.resolve("data/02_intermediate/gone.csv");
        AtomicFiles.write(data, new RunContext("r1", "p", "local", Map.of(), project), out -> out.write('x'));
        Files.delete(data);
        Path endedLock = Files.createDirectories(project.resolve(".sluice/runs/r1")).resolve("run.lock");
        Files.createFile(endedLock);
        Path heldLock = Files.createDirectories(project.resolve(".sluice/runs/r2")).resolve("run.lock");
        Path cds = Files.createDirectories(project.resolve(".sluice/cds"));
        Path deadArchive = Files.writeString(cds.resolve("sluice-123.jsa." + DEAD_PID + ".tmp"), "half");
        Path liveArchive = Files.writeString(cds.resolve("sluice-123.jsa." + ProcessHandle.current().pid() + ".tmp"),
                "half");
        Path archive = Files.writeString(cds.resolve("sluice-123.jsa"), "whole");
        Path oldStyle = Files.writeString(project.resolve("data/02_intermediate/.x.csv.81726354.tmp"), "half");
        Files.setLastModifiedTime(oldStyle, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        Path recentOldStyle = Files.writeString(project.resolve("data/02_intermediate/.y.csv.81726355.tmp"), "half");

        try (FileChannel channel = FileChannel.open(heldLock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            Cli clean = sluice("clean");

            assertThat(clean.exitCode()).as(clean.err()).isZero();
            assertThat(clean.out())
                    .contains("removed  data/02_intermediate/.gone.csv.sluice", "checksum record of gone.csv, which does"
                            + " not exist")
                    .contains("removed  .sluice/runs/r1/run.lock", "lock file of a run journal part whose run has ended")
                    .contains("removed  .sluice/cds/sluice-123.jsa." + DEAD_PID + ".tmp", "class-data archive the"
                            + " launcher (process " + DEAD_PID + ") did not finish")
                    .contains("removed  data/02_intermediate/.x.csv.81726354.tmp", "by an earlier Sluice")
                    .contains("Removed 4 files");
            assertThat(held.isValid()).isTrue();
        }
        assertThat(project.resolve("data/02_intermediate/.gone.csv.sluice")).doesNotExist();
        assertThat(endedLock).doesNotExist();
        assertThat(heldLock).exists();
        assertThat(deadArchive).doesNotExist();
        assertThat(liveArchive).exists();
        assertThat(archive).exists();
        assertThat(oldStyle).doesNotExist();
        assertThat(recentOldStyle).exists();
    }

    @Test
    void foldersGivenAsArgumentsAreCleanedInsteadOfData() throws Exception {
        Path elsewhere = Files.createDirectories(project.resolve("exports"));
        Path inData = project.resolve("data/02_intermediate/a.csv");
        Path inExports = elsewhere.resolve("b.csv");
        for (Path file : List.of(inData, inExports)) {
            Path temps = Files.createDirectories(file.resolveSibling(".sluice-tmp"));
            Files.writeString(temps.resolve(file.getFileName() + "." + DEAD_PID + "-0-00000000-00000001.tmp"), "x");
        }
        // with host tag 00000000 the writer counts as another host's unless this host hashes to it
        for (Path file : List.of(inData, inExports)) {
            try (Stream<Path> temps = Files.list(file.resolveSibling(".sluice-tmp"))) {
                for (Path temp : (Iterable<Path>) temps::iterator) {
                    Files.setLastModifiedTime(temp, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
                }
            }
        }

        Cli clean = sluice("clean", "exports");

        assertThat(clean.exitCode()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("removed  exports/.sluice-tmp/b.csv.").doesNotContain("data/");
        assertThat(tempFiles(elsewhere)).isEmpty();
        assertThat(tempFiles(inData.getParent())).hasSize(1);
    }

    @Test
    void cleanOutsideAProjectSaysSo() {
        Cli cli = Cli.run("-C", project.resolve("data").toString(), "clean");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("not a Sluice project (no conf/ here; use -C DIR): ");
    }
}
