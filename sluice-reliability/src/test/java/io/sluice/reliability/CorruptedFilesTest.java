package io.sluice.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.SluiceException;
import io.sluice.io.Dataset;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files damaged after Sluice saved them, in every format and in many ways (seeded): a load either
 * fails with an error naming the file, or — never — returns anything but what was saved.
 */
class CorruptedFilesTest {
    private static final int RANDOM_DAMAGES = 12;

    @TempDir
    Path dir;

    /** A way to damage a file's bytes. */
    private record Damage(String name, UnaryOperator<byte[]> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static List<Damage> damages(long seed) {
        Random random = new Random(seed);
        List<Damage> all = new ArrayList<>(List.of(
                new Damage("empty", b -> new byte[0]),
                new Damage("cut in half", b -> Arrays.copyOf(b, b.length / 2)),
                new Damage("last byte gone", b -> Arrays.copyOf(b, b.length - 1)),
                new Damage("garbage appended", b -> concat(b, "\u0000garbage,1,2\n".getBytes(StandardCharsets.UTF_8))),
                new Damage("4 KB overwritten", b -> overwrite(b, b.length / 3, 4096, (byte) 'x'))));
        for (int i = 0; i < RANDOM_DAMAGES; i++) {
            int at = random.nextInt(Integer.MAX_VALUE);
            int bit = 1 << random.nextInt(8);
            all.add(new Damage("bit flip #" + i, b -> {
                byte[] c = b.clone();
                if (c.length > 0) {
                    c[at % c.length] ^= (byte) bit;
                }
                return c;
            }));
        }
        return all;
    }

    static Stream<String> formats() {
        return SaveProject.FORMATS.keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void aDamagedSavedFileFailsItsLoadNamingTheFileAndNeverLoadsOtherData(String format) throws Exception {
        SaveProject.write(dir);
        Path file = dir.resolve("data/out." + format);
        int clearErrors = 0;
        int unchanged = 0;
        List<Damage> damages = damages(format.hashCode());
        for (Damage damage : damages) {
            try (Session session = session()) {
                session.run(RunSpec.builder(format).param("round", 7).journal(false).build());
                Object saved = load(session, format);
                byte[] bytes = Files.readAllBytes(file);
                byte[] damaged = damage.apply().apply(bytes);
                Files.write(file, damaged);
                try {
                    Object loaded = load(session, format);
                    assertThat(loaded).as(format + ", " + damage + ": a load that succeeds returns what was saved")
                            .isEqualTo(saved);
                    assertThat(damaged).as(format + ", " + damage + ": only an unchanged file may load")
                            .isEqualTo(bytes);
                    unchanged++;
                } catch (SluiceException e) {
                    assertThat(e.getMessage()).as(format + ", " + damage + ": the error names the file")
                            .contains("out." + format);
                    clearErrors++;
                }
            }
        }
        Reliability.report("corrupted " + format, Map.of("damages", damages.size(), "clear errors", clearErrors,
                "loads of unchanged bytes", unchanged));
        assertThat(clearErrors + unchanged).isEqualTo(damages.size());
    }

    /** Inputs users put there themselves have no checksum: their format errors must still be clear. */
    @Test
    void aDamagedRawCsvInputFailsNamingTheFileAndTheLine() throws Exception {
        SaveProject.write(dir);
        Files.writeString(dir.resolve("conf/base/catalog.yml"), "raw:\n  type: csv\n  filepath: data/raw.csv\n");
        Files.createDirectories(dir.resolve("data"));
        Map<String, String> cases = Map.of(
                "a short row", "round,id,text\n1,1,a\n1,2\n1,3,c\n",
                "a wide row", "round,id,text\n1,1,a\n1,2,b,extra\n",
                "cut mid-row", "round,id,text\n1,1,a\n1,2",
                "a number that is not one", "round,id,text\n1,one,a\n",
                "an empty file", "");
        int clear = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(dir.resolve("data/raw.csv"), c.getValue());
            try (Session session = session()) {
                Dataset<?> raw = session.catalog().dataset("raw");
                try {
                    raw.load(type("csv"));
                    throw new AssertionError(c.getKey() + " loaded without an error");
                } catch (SluiceException e) {
                    assertThat(e.getMessage()).as(c.getKey()).contains("raw.csv");
                    clear++;
                }
            }
        }
        Reliability.report("damaged raw csv", Map.of("cases", cases.size(), "clear errors", clear));
    }

    private Session session() {
        return Session.compile(new SaveProject(), new SessionOptions(dir, "local", Map.of(), false));
    }

    private static Object load(Session session, String format) throws NoSuchMethodException {
        Object value = session.catalog().dataset("out_" + format).load(type(format));
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value;
    }

    private static Type type(String format) throws NoSuchMethodException {
        return switch (format) {
            case "text" -> String.class;
            case "bytes" -> byte[].class;
            default -> SaveProject.class.getDeclaredMethod("rows", int.class).getGenericReturnType();
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] overwrite(byte[] b, int at, int length, byte with) {
        byte[] c = b.clone();
        for (int i = at; i < Math.min(c.length, at + length); i++) {
            c[i] = with;
        }
        return c;
    }
}
