package io.sluice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.ChecksumMismatchException;
import io.sluice.io.Dataset;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saves killed with SIGKILL at seeded random moments, for every file format: what is left is
 * always one whole save (it loads, checksum verified, and all its rows come from one round), and
 * the temporary files of the killed writer are gone after the next save of that dataset.
 */
class KilledSavesTest {
    private static final int KILLS_PER_FORMAT = 3;

    @TempDir
    Path dir;

    static Stream<String> formats() {
        return SaveProject.FORMATS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void aSaveKilledAtAnyMomentLeavesOneWholeSaveAndNoTemporaryFileAfterTheNextSave(String format) throws Exception {
        SaveProject.write(dir);
        Path target = dir.resolve("data/out." + format);
        Random random = new Random(format.hashCode());
        for (int kill = 0; kill < KILLS_PER_FORMAT; kill++) {
            Process child = Reliability.java(SaveLoopMain.class, dir.toString(), format);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (child.isAlive() && !Files.exists(target) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(random.nextInt(400));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            try {
                assertOneWholeSave(format);
                wholeAfterKill++;
            } catch (ChecksumMismatchException e) {
                // killed between the record's rename and the file's: the old file is whole, and the
                // load says so instead of passing it off as the new save; the next save repairs it
                assertThat(e.interruptedSave()).as(e.getMessage()).isTrue();
                interruptedReported++;
            }
        }
        try (Session session = session()) {
            session.run(RunSpec.builder(format).param("round", 999).journal(false).build());
        }
        assertOneWholeSave(format);
        try (Stream<Path> files = Files.walk(dir.resolve("data"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .as("temporary files left by killed saves of " + format).isEmpty();
        }
        Reliability.report("killed saves " + format, Map.of("kills", KILLS_PER_FORMAT,
                "whole save after the kill", wholeAfterKill, "interrupted save reported", interruptedReported));
    }

    private int wholeAfterKill;
    private int interruptedReported;

    private Session session() {
        return Session.compile(new SaveProject(), new SessionOptions(dir, "local", Map.of(), false));
    }

    @SuppressWarnings("unchecked")
    private void assertOneWholeSave(String format) throws Exception {
        try (Session session = session()) {
            Dataset<?> ds = session.catalog().dataset("out_" + format);
            Object loaded = ds.load(type(format));
            switch (format) {
                case "text" -> assertOneRound(((String) loaded).lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)));
                case "bytes" -> assertOneRound(new String((byte[]) loaded, java.nio.charset.StandardCharsets.UTF_8)
                        .lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)));
                default -> {
                    List<SaveProject.Row> rows = (List<SaveProject.Row>) loaded;
                    assertThat(rows).hasSize(SaveProject.ROWS);
                    assertOneRound(rows.stream().map(r -> String.valueOf(r.round())));
                }
            }
        }
    }

    private static void assertOneRound(Stream<String> rounds) {
        assertThat(rounds.distinct().count()).as("rows of a single save").isEqualTo(1);
    }

    private static Type type(String format) throws NoSuchMethodException {
        return switch (format) {
            case "text" -> String.class;
            case "bytes" -> byte[].class;
            default -> SaveProject.class.getDeclaredMethod("rows", int.class).getGenericReturnType();
        };
    }
}
