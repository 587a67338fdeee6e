package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saves record a checksum beside each file; loads refuse a file that no longer matches it. */
class ChecksumTest {
    record Company(String id, int employees, double rating) {
    }

    private static final Type COMPANIES = new TypeReference<List<Company>>() { }.getType();

    @TempDir
    Path project;

    private RunContext run(String id) {
        return new RunContext(id, "__default__", "local", Map.of(), project, Map.of());
    }

    private CsvDataset csv(Map<String, Object> extra) {
        Map<String, Object> entry = map("filepath", "data/companies.csv");
        entry.putAll(extra);
        return new CsvDataset(DatasetConfig.of("companies", "csv", entry, project));
    }

    private JsonDataset json() {
        return new JsonDataset(DatasetConfig.of("report", "json", map("filepath", "data/report.json"), project));
    }

    private static void flipByte(Path file, int index) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[index] ^= 0x01;
        Files.write(file, bytes);
    }

    private static String crc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return String.format("%08x", crc.getValue());
    }

    private static final List<Company> ROWS = List.of(new Company("c1", 10, 4.5), new Company("c2", 20, 3.5));

    @Test
    void aSaveRecordsTheChecksumSizeRunAndTimeInAHiddenFileBesideTheData() throws Exception {
        Instant before = Instant.now();
        csv(map()).save(run("run-1"), ROWS);

        Path data = project.resolve("data/companies.csv");
        byte[] bytes = Files.readAllBytes(data);
        SavedFile saved = csv(map()).saved(run("later")).orElseThrow();
        assertThat(saved.file()).isEqualTo(data);
        assertThat(saved.runId()).isEqualTo("run-1");
        assertThat(saved.savedAt()).isBetween(before, Instant.now());
        assertThat(saved.algorithm()).isEqualTo("CRC32C");
        assertThat(saved.checksum()).isEqualTo(crc(bytes));
        assertThat(saved.size()).isEqualTo(bytes.length);
        assertThat(Files.readString(project.resolve("data/.companies.csv.sluice")))
                .contains("\"run_id\" : \"run-1\"", "\"checksum\" : \"" + crc(bytes) + "\"",
                        "\"algorithm\" : \"CRC32C\"", "\"pid\" : " + ProcessHandle.current().pid());
    }

    @Test
    void aFlippedByteInACsvFileThatStillParsesFailsTheLoadNamingFileChecksumsRunAndFix() throws Exception {
        csv(map()).save(run("run-1"), ROWS);
        Path data = project.resolve("data/companies.csv");
        String expected = crc(Files.readAllBytes(data));
        int digit = Files.readString(data).indexOf("4.5");
        flipByte(data, digit); // 4.5 becomes 5.5: still a valid row
        String found = crc(Files.readAllBytes(data));

        assertThatThrownBy(() -> csv(map()).load(run("later"), COMPANIES))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("dataset 'companies' (csv): data/companies.csv does not match its checksum"
                        + " record data/.companies.csv.sluice: expected CRC32C " + expected + " (40 bytes), saved by"
                        + " run run-1 at ")
                .hasMessageContaining("; found " + found + " (40 bytes). The file changed after it was saved (an"
                        + " edit, another program, a disk or copy error), or the file and its checksum come from"
                        + " different saves: an interrupted save? Save it again (re-run the node that writes it). If"
                        + " you changed the file on purpose, delete data/.companies.csv.sluice or set checksum: false"
                        + " on the entry.")
                .satisfies(e -> {
                    ChecksumMismatchException m = (ChecksumMismatchException) e;
                    assertThat(m.expected().runId()).isEqualTo("run-1");
                    assertThat(m.expected().checksum()).isEqualTo(expected);
                    assertThat(m.foundChecksum()).isEqualTo(found);
                    assertThat(m.interruptedSave()).isFalse();
                });
    }

    @Test
    void aFlippedByteThatBreaksTheCsvIsReportedAsDamageNotAsAParseError() throws Exception {
        csv(map()).save(run("run-1"), ROWS);
        Path data = project.resolve("data/companies.csv");
        flipByte(data, Files.readString(data).indexOf(",10,")); // ',' becomes '-': a row one field short

        assertThatThrownBy(() -> csv(map()).load(run("later"), COMPANIES))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("does not match its checksum record")
                .cause().hasMessageContaining("line 2 (row 1) has 2 fields, but the header has 3");
    }

    @Test
    void aTruncatedFileIsReportedWithoutParsingIt() throws Exception {
        csv(map()).save(run("run-1"), ROWS);
        Path data = project.resolve("data/companies.csv");
        byte[] bytes = Files.readAllBytes(data);
        Files.write(data, java.util.Arrays.copyOf(bytes, bytes.length - 5));

        assertThatThrownBy(() -> csv(map()).load(run("later"), COMPANIES))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("(40 bytes), saved by run run-1")
                .hasMessageContaining("(35 bytes)")
                .hasNoCause();
    }

    @Test
    void aFlippedByteInJsonOrTextFailsTheLoad() throws Exception {
        json().save(run("run-1"), Map.of("total", 12));
        flipByte(project.resolve("data/report.json"), 2);
        assertThatThrownBy(() -> json().load(run("later"), Object.class))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageStartingWith("dataset 'report' (json): data/report.json does not match its checksum record");

        TextDataset notes = new TextDataset(DatasetConfig.of("notes", "text", map("filepath", "data/notes.txt"),
                project));
        notes.save(run("run-1"), "hello");
        flipByte(project.resolve("data/notes.txt"), 0);
        assertThatThrownBy(() -> notes.load(run("later"), String.class))
                .isInstanceOf(ChecksumMismatchException.class);
    }

    @Test
    void aSaveInterruptedBetweenTheTwoRenamesIsReportedAsSuch() throws Exception {
        csv(map()).save(run("run-1"), ROWS);
        Path data = project.resolve("data/companies.csv");
        byte[] first = Files.readAllBytes(data);
        csv(map()).save(run("run-2"), List.of(new Company("c3", 30, 2.5)));
        // What a kill between the renames leaves: run-2's record, run-1's file.
        Files.write(data, first);

        assertThatThrownBy(() -> csv(map()).load(run("later"), COMPANIES))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("saved by run run-2 at ")
                .hasMessageContaining("The file and its checksum come from different saves: an interrupted save?"
                        + " The file is the one saved before, by run run-1 at ")
                .hasMessageContaining("; the save by run run-2 did not complete. Save it again")
                .satisfies(e -> assertThat(((ChecksumMismatchException) e).interruptedSave()).isTrue());
    }

    @Test
    void checksumFalseLoadsAChangedFileAndSavesStillRecordTheRun() throws Exception {
        csv(map("checksum", false)).save(run("run-1"), ROWS);
        Path data = project.resolve("data/companies.csv");
        Files.writeString(data, Files.readString(data).replace("4.5", "5.5"));

        assertThat(csv(map("checksum", false)).load(run("later"), COMPANIES))
                .isEqualTo(List.of(new Company("c1", 10, 5.5), new Company("c2", 20, 3.5)));
        assertThat(csv(map("checksum", false)).saved(run("later")).orElseThrow().runId()).isEqualTo("run-1");
    }

    @Test
    void aFileWithoutARecordLoadsUnchecked() throws Exception {
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("data/companies.csv"), "id,employees,rating\nc9,1,1.0\n");

        assertThat(csv(map()).load(run("later"), COMPANIES)).isEqualTo(List.of(new Company("c9", 1, 1.0)));
        assertThat(csv(map()).saved(run("later"))).isEmpty();
    }

    @Test
    void deletingTheRecordAsTheMessageSaysMakesTheFileLoadAgain() throws Exception {
        csv(map()).save(run("run-1"), ROWS);
        Path data = project.resolve("data/companies.csv");
        Files.writeString(data, "id,employees,rating\nc9,1,1.0\n");

        Files.delete(project.resolve("data/.companies.csv.sluice"));

        assertThat(csv(map()).load(run("later"), COMPANIES)).isEqualTo(List.of(new Company("c9", 1, 1.0)));
    }

    @Test
    void aDamagedRecordIsAnErrorSayingHowToGetPastIt() throws Exception {
        csv(map()).save(run("run-1"), ROWS);
        Files.writeString(project.resolve("data/.companies.csv.sluice"), "{\"algorithm\": \"CRC32C\", \"checks");

        assertThatThrownBy(() -> csv(map()).load(run("later"), COMPANIES))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'companies' (csv): the checksum record data/.companies.csv.sluice of"
                        + " data/companies.csv is damaged: it is not valid JSON (")
                .hasMessageEndingWith("Delete it (the file then loads unchecked until its next save records it"
                        + " again) or set checksum: false on the entry.");
    }

    @Test
    void eachVersionHasItsOwnRecord() throws Exception {
        Map<String, Object> versioned = map("versioned", true);
        csv(versioned).save(run("v1"), ROWS);
        csv(versioned).save(run("v2"), List.of(new Company("c3", 30, 2.5)));
        flipByte(project.resolve("data/companies.csv/v1/companies.csv"), 25);

        assertThat(project.resolve("data/companies.csv/v1/.companies.csv.sluice")).exists();
        assertThat(csv(versioned).load(run("later"), COMPANIES)).isEqualTo(List.of(new Company("c3", 30, 2.5)));
        assertThat(csv(versioned).saved(run("later")).orElseThrow().runId()).isEqualTo("v2");
        RunContext pinned = new RunContext("later", "__default__", "local", Map.of(), project,
                Map.of("companies", "v1"));
        assertThat(csv(versioned).saved(pinned).orElseThrow().runId()).isEqualTo("v1");
        assertThatThrownBy(() -> csv(versioned).load(pinned, COMPANIES))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("data/companies.csv/v1/companies.csv does not match its checksum record"
                        + " data/companies.csv/v1/.companies.csv.sluice");
    }

    /** A user's file dataset written the documented way before FileLocation.read/save existed. */
    static final class UpperCaseFile extends FileDataset<String> {
        UpperCaseFile(DatasetConfig config) {
            super(config);
        }

        @Override
        public String load() {
            try {
                return Files.readString(location.forLoad(outside()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void save(String data) {
            try {
                AtomicFiles.write(location.forSave(outside()), out -> out.write(data.toUpperCase().getBytes()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Test
    void aUserDatasetOnForLoadAndAtomicFilesIsCheckedTooAndRecordsTheThreadsRun() throws Exception {
        UpperCaseFile ds = new UpperCaseFile(DatasetConfig.of("shout", "x", map("filepath", "data/shout.txt"),
                project));
        try (RunContext.Scope ignored = RunContext.enter(run("run-7"))) {
            ds.save("hello");
        }
        assertThat(ds.load()).isEqualTo("HELLO");
        assertThat(ds.saved(run("later")).orElseThrow().runId()).isEqualTo("run-7");

        Files.writeString(project.resolve("data/shout.txt"), "HELLO!", StandardCharsets.UTF_8);

        assertThatThrownBy(ds::load).isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("dataset 'shout' (x): data/shout.txt does not match its checksum record");
    }

    @Test
    void readersRacingASaveNeverSeeAFalseMismatch() throws Exception {
        TextDataset ds = new TextDataset(DatasetConfig.of("notes", "text", map("filepath", "data/notes.txt"),
                project));
        String a = "a".repeat(200_000);
        String b = "b".repeat(150_000);
        ds.save(run("r0"), a);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger loads = new java.util.concurrent.atomic.AtomicInteger();
        Runnable reader = () -> {
            while (!done.get()) {
                try {
                    Object loaded = ds.load(run("reader"), String.class);
                    if (!loaded.equals(a) && !loaded.equals(b)) {
                        failures.add(new AssertionError("a load returned neither save"));
                    }
                    loads.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        };
        Thread r1 = new Thread(reader);
        Thread r2 = new Thread(reader);
        r1.start();
        r2.start();
        try {
            for (int i = 1; i <= 150; i++) {
                ds.save(run("r" + i), i % 2 == 0 ? a : b);
            }
        } finally {
            done.set(true);
            r1.join();
            r2.join();
        }

        assertThat(failures).isEmpty();
        assertThat(loads.get()).isPositive();
    }
}
