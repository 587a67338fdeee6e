package io.sluice.cli.args;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random command lines of the test tree's {@code run}, each option written in a random one of its
 * forms and the global options before or after the subcommand, parse to the values they were
 * written from. Seeded: a failure names the seed that reproduces it.
 */
class ParserRoundTripTest {
    private static final String[] WORDS = {"a", "etl", "x-y", "a.b", "-1", "=", "a=b", "with space", "", "ünï", "::"};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** What a random line gives: expected values by key, and the words of the line. */
    private record Line(Map<String, List<String>> expected, List<String> args) {
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    /** {@code --long value}, {@code --long=value}, {@code -s value}, {@code -svalue} or {@code -s=value}. */
    private static List<String> valueForms(Random r, String shortName, String longName, String value) {
        int forms = shortName == null ? 2 : 5;
        return switch (r.nextInt(forms)) {
            case 0 -> List.of(longName, value);
            case 1 -> List.of(longName + "=" + value);
            case 2 -> List.of(shortName, value);
            case 3 -> value.isEmpty() || value.startsWith("=") ? List.of(shortName, value) : List.of(shortName + value);
            default -> List.of(shortName + "=" + value);
        };
    }

    private static Line randomLine(Random r) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        List<List<String>> globals = new ArrayList<>();
        List<List<String>> own = new ArrayList<>();
        if (r.nextBoolean()) {
            String dir = word(r);
            globals.add(valueForms(r, "-C", "--project", dir));
            expected.put("--project", List.of(dir));
        }
        boolean verbose = r.nextBoolean();
        boolean quiet = r.nextBoolean();
        if (verbose && quiet && r.nextBoolean()) {
            globals.add(List.of(r.nextBoolean() ? "-vq" : "-qv"));
        } else {
            if (verbose) {
                globals.add(List.of(r.nextBoolean() ? "-v" : "--verbose"));
            }
            if (quiet) {
                globals.add(List.of(r.nextBoolean() ? "-q" : "--quiet"));
            }
        }
        if (verbose) {
            expected.put("--verbose", List.of("true"));
        }
        if (quiet) {
            expected.put("--quiet", List.of("true"));
        }
        if (r.nextBoolean()) {
            String p = word(r);
            own.add(valueForms(r, "-p", "--pipeline", p));
            expected.put("--pipeline", List.of(p));
        }
        List<String> nodes = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            List<String> items = new ArrayList<>();
            for (int j = 1 + r.nextInt(3); j > 0; j--) {
                items.add("n" + r.nextInt(10));
            }
            nodes.addAll(items);
            own.add(valueForms(r, null, "--nodes", String.join(",", items)));
        }
        if (!nodes.isEmpty()) {
            expected.put("--nodes", nodes);
        }
        List<String> params = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            String p = "k" + r.nextInt(5) + "=" + word(r) + "," + word(r);
            params.add(p);
            own.add(valueForms(r, null, "--params", p));
        }
        if (!params.isEmpty()) {
            expected.put("--params", params);
        }
        if (r.nextBoolean()) {
            String n = String.valueOf(r.nextInt(64) - 8);
            own.add(valueForms(r, null, "--max-workers", n));
            expected.put("--max-workers", List.of(n));
        }
        if (r.nextInt(3) == 0) {
            own.add(List.of("--dry-run"));
            expected.put("--dry-run", List.of("true"));
        }
        // the global options go before or after "run", each on its own; the rest in any order after it
        List<String> before = new ArrayList<>();
        List<List<String>> after = new ArrayList<>(own);
        for (List<String> g : globals) {
            if (r.nextBoolean()) {
                before.addAll(g);
            } else {
                after.add(g);
            }
        }
        // options given more than once keep their order: shuffle only when no option repeats
        if (nodes.size() <= 1 && params.size() <= 1) {
            Collections.shuffle(after, r);
        }
        List<String> args = new ArrayList<>(before);
        args.add("run");
        after.forEach(args::addAll);
        return new Line(expected, args);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRandomLineParsesToTheValuesItWasWrittenFrom(long seed) {
        Line line = randomLine(new Random(seed));

        ParsedArgs parsed = Parser.parse(new TestTree(), line.args().toArray(String[]::new));

        assertThat(parsed.path()).as("%s", line.args()).containsExactly("run");
        assertThat(parsed.request()).isEqualTo(ParsedArgs.Request.RUN);
        assertThat(parsed.options()).as("%s", line.args()).isEqualTo(line.expected());
        assertThat(parsed.params()).isEmpty();
    }
}
