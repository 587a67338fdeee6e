package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.NodeState;
import io.sluice.run.RunJournal;
import io.sluice.run.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run spec rendered as a {@code sluice run} command: what a POSIX shell makes of it is exactly
 * the arguments, and {@code sluice run} reads those arguments back as the same spec.
 */
class RunSpecCommandTest {
    @TempDir
    Path shellDir;

    /** The words a POSIX shell makes of {@code command}, run in a directory with files a stray glob would match. */
    private List<String> shellWords(String command) throws IOException, InterruptedException {
        return shellWords(List.of(command)).get(0);
    }

    /** {@link #shellWords(String)} of each command, all in one shell. */
    private List<List<String>> shellWords(List<String> commands) throws IOException, InterruptedException {
        Files.writeString(shellDir.resolve("x"), "");
        Files.writeString(shellDir.resolve("ab"), "");
        StringBuilder script = new StringBuilder("set -e\n");
        for (String command : commands) {
            // each word ends with NUL; each command's words end with an RS (\036) word
            script.append("printf '%s\\0' ").append(command).append("\nprintf '\\036\\0'\n");
        }
        Process sh = new ProcessBuilder("sh", "-c", script.toString()).directory(shellDir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        sh.getInputStream().transferTo(out);
        assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(sh.exitValue()).as(script.toString()).isZero();
        List<List<String>> all = new ArrayList<>();
        List<String> words = new ArrayList<>();
        String text = out.toString(StandardCharsets.UTF_8);
        for (String word : text.substring(0, text.length() - 1).split("\0", -1)) {
            if (word.equals("\036")) {
                all.add(words);
                words = new ArrayList<>();
            } else {
                words.add(word);
            }
        }
        assertThat(all).hasSize(commands.size());
        return all;
    }

    /** The spec {@code sluice run} reads from {@code args} (without {@code sluice}); env as the session would get it. */
    private static RunSpec parse(List<String> args) {
        RunCommand run = (RunCommand) Cli.parse(args.subList(1, args.size()).toArray(String[]::new)).command();
        if (run.specSource != null) {
            return RunSpec.fromJson(run.specSource);
        }
        return run.specFromOptions().toBuilder().env(run.args.has("--env") ? run.env : null).build();
    }

    @Test
    void theDefaultSpecIsThePlainCommand() {
        assertThat(RunSpecCommand.render(RunSpec.ofDefault())).isEqualTo("sluice run");
    }

    @Test
    void everyOptionIsWrittenAndQuotedOnlyWhereTheShellNeedsIt() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("report.title", "Q1 sales, it's final");
        params.put("top_n", 5);
        params.put("features", List.of("engines", "crew"));
        RunSpec spec = RunSpec.builder("etl").env("prod").params(params).runner("parallel").maxWorkers(4)
                .runId("r-1").nodes("a", "b").fromNodes("c").toNodes("d").fromInputs("raw").toOutputs("out")
                .tags("daily").namespaces("eu.de").onlyMissingOutputs(true).loadVersion("companies", "v1")
                .loadVersion("reviews", "2026-01-01T00.00.00.000Z-0000-ab").build();

        String command = RunSpecCommand.render(spec);

        assertThat(command).isEqualTo("sluice run --pipeline etl --env prod "
                + "--params 'report.title=\"Q1 sales, it'\\''s final\",top_n=5,features=[engines,crew]' "
                + "--runner parallel --max-workers 4 --run-id r-1 --nodes a,b --from-nodes c --to-nodes d "
                + "--from-inputs raw --to-outputs out --tags daily --namespaces eu.de --only-missing-outputs "
                + "--load-versions companies:v1,reviews:2026-01-01T00.00.00.000Z-0000-ab");
        assertThat(shellWords(command)).isEqualTo(RunSpecCommand.args(spec));
        assertThat(parse(shellWords(command))).isEqualTo(spec);
    }

    @Test
    void theLocalEnvironmentIsWrittenSoThatSluiceEnvCannotChangeIt() {
        assertThat(RunSpecCommand.render(RunSpec.builder("etl").env("local").build()))
                .isEqualTo("sluice run --pipeline etl --env local");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"group", "outputs", "journal", "comma in a node name", "param key with =",
            "both quotes in a param", "colon in a dataset name"})
    void aSpecTheOptionsCannotSayExactlyIsWrittenAsJson(String what) throws Exception {
        RunSpec.Builder b = RunSpec.builder("etl").runId("r-1");
        switch (what) {
            case "group" -> b.group("g1");
            case "outputs" -> b.outputs("report");
            case "journal" -> b.journal(false);
            case "comma in a node name" -> b.fromNodes("concat(a,b) -> [c]");
            case "param key with =" -> b.param("a=b", 1);
            case "both quotes in a param" -> b.param("title", "it's \"quoted\"");
            default -> b.loadVersion("db:table", "v1");
        }
        RunSpec spec = b.build();

        List<String> words = shellWords(RunSpecCommand.render(spec));

        assertThat(words).hasSize(4).startsWith("sluice", "run", "--spec");
        assertThat(RunSpec.fromJson(words.get(3))).isEqualTo(spec);
        assertThat(parse(words)).isEqualTo(spec);
    }

    @Test
    void randomSpecsRenderToCommandsThatReadBackAsTheSameSpec() throws Exception {
        List<RunSpec> specs = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (long seed = 0; seed < 150; seed++) {
            RunSpec spec = randomSpec(new Random(seed));
            specs.add(spec);
            commands.add(RunSpecCommand.render(spec));
        }

        List<List<String>> words = shellWords(commands);

        int asOptions = 0;
        for (int i = 0; i < specs.size(); i++) {
            assertThat(words.get(i)).as("seed %d: %s", i, commands.get(i)).isEqualTo(RunSpecCommand.args(specs.get(i)));
            assertThat(parse(words.get(i))).as("seed %d: %s", i, commands.get(i)).isEqualTo(specs.get(i));
            if (!words.get(i).contains("--spec")) {
                asOptions++;
            }
        }
        assertThat(asOptions).as("most specs are written as options").isGreaterThan(specs.size() / 3);
    }

    private static final String[] ODD = {"a b", "it's", "say \"hi\"", "both ' and \"", "*", "?", "[ab]", "$HOME",
            "`id`", "$(id)", "a;b", "a&b", "a|b", "<x>", "~", "#hash", "back\\slash", "new\nline", "tab\tx", "ünï",
            "日本", "-dash", "--double", "=eq", "a=b", "a:b", "a,b", "{x}", "!bang", "%pct", "@at", ""};

    private static String text(Random r) {
        return r.nextInt(3) == 0 ? ODD[r.nextInt(ODD.length)] : "w" + r.nextInt(100);
    }

    private static String name(Random r) {
        String t = text(r);
        return t.isEmpty() ? "e" : t;
    }

    private static Set<String> names(Random r) {
        Set<String> s = new LinkedHashSet<>();
        int n = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0;
        for (int i = 0; i < n; i++) {
            s.add(name(r));
        }
        return s;
    }

    private static Object value(Random r, int depth) {
        return switch (r.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> r.nextInt(1000) - 500;
            case 1 -> r.nextBoolean() ? 0.5 : 12345678901L;
            case 2 -> r.nextBoolean();
            case 3 -> null;
            case 4, 5 -> text(r);
            case 6 -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    list.add(value(r, depth - 1));
                }
                yield list;
            }
            default -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(3); i > 0; i--) {
                    map.put("k" + r.nextInt(5), value(r, depth - 1));
                }
                yield map;
            }
        };
    }

    private static RunSpec randomSpec(Random r) {
        RunSpec.Builder b = RunSpec.builder(r.nextInt(4) == 0 ? RunSpec.DEFAULT_PIPELINE : name(r));
        b.selection(new PipelineFilter(names(r), names(r), names(r), names(r), names(r), names(r), names(r)));
        b.onlyMissingOutputs(r.nextInt(4) == 0);
        if (r.nextInt(4) == 0) {
            b.runner(r.nextBoolean() ? RunSpec.PARALLEL : "com.acme.Runner");
        }
        b.maxWorkers(r.nextInt(3) == 0 ? r.nextInt(16) : 0);
        if (r.nextBoolean()) {
            b.runId("r-" + r.nextInt(1000) + (r.nextBoolean() ? ":x+y" : ""));
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            b.param(r.nextInt(4) == 0 ? "p." + name(r) : "p" + r.nextInt(10), value(r, 2));
        }
        for (int i = r.nextInt(2); i > 0; i--) {
            b.loadVersion(name(r), "v" + r.nextInt(10));
        }
        if (r.nextInt(3) == 0) {
            b.env(r.nextBoolean() ? "local" : name(r));
        }
        if (r.nextInt(10) == 0) {
            b.group("g" + r.nextInt(3));
        }
        return b.build();
    }

    @Test
    void theResumeCommandOfAFailedRunResumesItWhenRun(@TempDir Path project, @TempDir Path services)
            throws Exception {
        RunsTestProject.write(project, services);
        RunsTestProject.FINISH_FAILS.set(true);
        Cli failed;
        try {
            failed = RunsTestProject.sluice(project, services, "run", "-p", "etl", "--params", "factor=3",
                    "--runner", "parallel", "--max-workers", "2");
        } finally {
            RunsTestProject.FINISH_FAILS.set(false);
        }
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("To resume the run: sluice run --resume ");
        String resume = failed.err().lines().filter(l -> l.startsWith("Or as a new run: ")).findFirst().orElseThrow()
                .substring("Or as a new run: ".length());
        assertThat(resume).isEqualTo("sluice run --pipeline etl --env local --params factor=3 --runner parallel "
                + "--max-workers 2 --from-nodes finish");

        List<String> words = shellWords(resume);
        Cli resumed = RunsTestProject.sluice(project, services, words.subList(1, words.size()).toArray(String[]::new));

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("succeeded: 1 of 1 nodes ran");
        assertThat(Files.readString(project.resolve("data/out.json")).trim()).isEqualTo("9");
        String runId = resumed.out().replaceAll("(?s)^Run (\\S+) .*", "$1");
        RunJournal journal = new JournalStore(project).read(runId).orElseThrow();
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("finish", NodeState.COMPLETED));
        assertThat(journal.parts().get(0).runner()).isEqualTo("parallel");
    }
}
