package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sluice.SluiceException;
import io.sluice.config.ConfigInput;
import io.sluice.config.ConfigOverrides;
import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.PipelineFilter;
import io.sluice.run.NodeState;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Session#resume}: resume planning from a journal. The chain, with persisted (json) and
 * memory datasets:
 * <pre>
 *   raw(json) -load-> m1(mem) -persist-> p2(json) -expand-> m3(mem) -finish-> out(json)
 *                                        p2(json) -side---> side(json)
 * </pre>
 * Each node counts its calls, so a test tells which nodes a resume ran.
 */
class SessionResumeTest {
    static final AtomicBoolean FINISH_FAILS = new AtomicBoolean();
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        CALLS.clear();
        FINISH_FAILS.set(false);
    }

    private static int count(String node) {
        return CALLS.computeIfAbsent(node, k -> new AtomicInteger()).incrementAndGet();
    }

    static int load(int x) {
        count("load");
        return x + 1;
    }

    static int persist(int x) {
        count("persist");
        return x + 1;
    }

    static int expand(int x) {
        count("expand");
        return x + 1;
    }

    static int side(int x) {
        count("side");
        return x + 1;
    }

    static int sideChanged(int x) {
        count("side");
        return x + 2;
    }

    static int extra(int x) {
        count("extra");
        return x;
    }

    static int finish(int x) {
        count("finish");
        if (FINISH_FAILS.get()) {
            throw new IllegalArgumentException("finish refused " + x);
        }
        return x * 10;
    }

    private static Pipeline chain() {
        return Pipeline.of(
                node(SessionResumeTest::load).inputs("raw").outputs("m1").name("load"),
                node(SessionResumeTest::persist).inputs("m1").outputs("p2").name("persist"),
                node(SessionResumeTest::expand).inputs("p2").outputs("m3").name("expand"),
                node(SessionResumeTest::finish).inputs("m3").outputs("out").name("finish"),
                node(SessionResumeTest::side).inputs("p2").outputs("side").name("side"));
    }

    private Session session(Pipeline pipeline) {
        TestProject.write(dir, Map.of(
                "conf/base/catalog.yml", """
                        raw:
                          type: json
                          filepath: data/raw.json
                        p2:
                          type: json
                          filepath: data/p2.json
                        out:
                          type: json
                          filepath: data/out.json
                        side:
                          type: json
                          filepath: data/side.json
                        extra:
                          type: json
                          filepath: data/extra.json
                        """,
                "data/raw.json", "1"));
        return TestProject.session(dir, new TestProject(Map.of("chain", pipeline), List.of()));
    }

    /** {@link #session(Pipeline)} with {@code --conf-json} overrides. */
    private Session session(Pipeline pipeline, String confJson) {
        session(pipeline).close();
        return Session.compile(new TestProject(Map.of("chain", pipeline), List.of()),
                new SessionOptions(dir, "local", Map.of(), true, SessionOptions.SharedData.WAIT,
                        new ConfigInput(null, ConfigOverrides.parse(confJson, "--conf-json"))));
    }

    /** Runs {@code spec} with finish failing; the calls made are forgotten. */
    private void failedRun(Session session, RunSpec spec) {
        FINISH_FAILS.set(true);
        try {
            catchThrowableOfType(RunFailedException.class, () -> session.run(spec));
        } finally {
            FINISH_FAILS.set(false);
            CALLS.clear();
        }
    }

    private Map<String, Integer> calls() {
        return CALLS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private Path part(String runId, String group) {
        return new JournalStore(dir).partFile(runId, group);
    }

    /** Rewrites a part as a process killed while {@code running} ran would have left it. */
    private void killedWhile(Path part, String running) throws IOException {
        List<String> lines = Files.readAllLines(part).stream()
                .filter(l -> !l.contains("\"event\":\"finished\""))
                .filter(l -> !l.contains("\"name\":\"" + running + "\""))
                .map(l -> l.replaceFirst("\"pid\":\\d+", "\"pid\":999999999"))
                .toList();
        Files.write(part, lines);
    }

    @Test
    void aFailedRunResumesUnderItsRunIdRunningOnlyWhatIsNotDone() {
        Session session = session(chain());
        failedRun(session, RunSpec.builder("chain").runId("r1").build());

        RunResult resumed = session.resume("r1", false);

        // finish failed; its input m3 lived in memory, so expand runs again; side had completed
        assertThat(calls()).isEqualTo(Map.of("expand", 1, "finish", 1));
        assertThat(dir.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("40");
        RunJournal journal = new JournalStore(dir).read("r1").orElseThrow();
        assertThat(resumed.runId()).isEqualTo("r1");
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts()).singleElement().satisfies(p -> {
            assertThat(p.attempt()).isEqualTo(2);
            assertThat(p.spec()).isEqualTo(RunSpec.builder("chain").runId("r1").env("local").build());
        });
        assertThat(journal.nodes()).extracting(RunJournal.NodeRecord::name, RunJournal.NodeRecord::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("load", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("persist", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("expand", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("side", NodeState.COMPLETED),
                        org.assertj.core.groups.Tuple.tuple("finish", NodeState.COMPLETED));
        assertThat(resumed.journal().state()).isEqualTo(RunState.SUCCEEDED);
    }

    @Test
    void aRunResumesOnlyWithTheConfigItReadSoOutputsOfTwoConfigsNeverMix() {
        Session overridden = session(chain(), "{\"catalog\": {\"out\": {\"type\": \"json\", \"filepath\": \"data/out2.json\"}}}");
        failedRun(overridden, RunSpec.builder("chain").runId("r1").build());
        RunJournal.ConfigUsed recorded = new JournalStore(dir).read("r1").orElseThrow().parts().get(0).config();
        assertThat(recorded.source()).isNull();
        assertThat(recorded.overrides()).matches("sha256:[0-9a-f]{16}");

        SluiceException refused = catchThrowableOfType(SluiceException.class, () -> session(chain()).resume("r1", false));

        assertThat(refused).hasMessage("Run r1 read the project's conf/ with --conf-json overrides (" + recorded.overrides()
                + "), but this session reads the project's conf/ without --conf-json: resuming it would mix the outputs "
                + "of two configurations under one run id. Resume it with the config it ran with (the same "
                + "--conf-source, and the same --conf-json or SLUICE_CONF_JSON), or with --force to go on with this config.");
        assertThat(calls()).isEmpty();

        // the same overrides, written in another order and spacing, are the same config
        session(chain(), "{ \"catalog\" : {\"out\": {\"filepath\": \"data/out2.json\", \"type\": \"json\"}} }")
                .resume("r1", false);

        assertThat(calls()).isEqualTo(Map.of("expand", 1, "finish", 1));
        assertThat(dir.resolve("data/out2.json")).content().isEqualToIgnoringWhitespace("40");
        assertThat(dir.resolve("data/out.json")).doesNotExist();
    }

    @Test
    void forceResumesWithOtherConfigAndTheNewAttemptRecordsIt() {
        failedRun(session(chain(), "{\"parameters\": {\"unused\": 1}}"), RunSpec.builder("chain").runId("r1").build());

        session(chain()).resume("r1", true);

        RunJournal journal = new JournalStore(dir).read("r1").orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts().get(0).config()).isEqualTo(RunJournal.ConfigUsed.PROJECT);
        assertThat(dir.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("40");
    }

    @Test
    void theResumeKeepsTheRecordedSelectionAndParameters() {
        Session session = session(chain());
        failedRun(session, RunSpec.builder("chain").runId("r1")
                .selection(PipelineFilter.NONE.withToNodes(Set.of("finish"))).build());

        session.resume("r1", false);

        // side lies outside --to-nodes finish: the resume does not run it either
        assertThat(calls()).isEqualTo(Map.of("expand", 1, "finish", 1));
        assertThat(dir.resolve("data/side.json")).doesNotExist();
        assertThat(new JournalStore(dir).read("r1").orElseThrow().parts().get(0).spec().selection())
                .isEqualTo(PipelineFilter.NONE.withToNodes(Set.of("finish")));
    }

    @Test
    void anInterruptedRunRecomputesTheMemoryIntermediatesItsRemainingNodesNeed() throws IOException {
        Session session = session(chain());
        failedRun(session, RunSpec.builder("chain").runId("r1").build());
        killedWhile(part("r1", RunJournal.WHOLE_RUN), "finish");
        assertThat(new JournalStore(dir).read("r1").orElseThrow().state()).isEqualTo(RunState.INTERRUPTED);

        session.resume("r1", false);

        // expand completed before the kill, but m3 died with the process: it runs again for finish
        assertThat(calls()).isEqualTo(Map.of("expand", 1, "finish", 1));
        RunJournal journal = new JournalStore(dir).read("r1").orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts().get(0).attempt()).isEqualTo(2);
    }

    @Test
    void aCompletedNodeWhosePersistedOutputWasDeletedRunsAgainWithWhatItNeedsFromMemory() throws IOException {
        Session session = session(chain());
        failedRun(session, RunSpec.builder("chain").runId("r1").build());
        Files.delete(dir.resolve("data/p2.json"));

        session.resume("r1", false);

        // persist writes p2 again; it reads m1 from load, in memory, so load runs too
        assertThat(calls()).isEqualTo(Map.of("load", 1, "persist", 1, "expand", 1, "finish", 1));
        assertThat(dir.resolve("data/p2.json")).content().isEqualToIgnoringWhitespace("3");
        assertThat(dir.resolve("data/out.json")).content().isEqualToIgnoringWhitespace("40");
    }

    @Test
    void aChangedPipelineIsRefusedNamingTheAddedRemovedAndChangedNodes() {
        failedRun(session(chain()), RunSpec.builder("chain").runId("r1").build());
        Pipeline changed = Pipeline.of(
                node(SessionResumeTest::load).inputs("raw").outputs("m1").name("load"),
                node(SessionResumeTest::persist).inputs("m1").outputs("p2").name("persist"),
                node(SessionResumeTest::finish).inputs("p2").outputs("out").name("finish"),
                node(SessionResumeTest::sideChanged).inputs("p2").outputs("side").name("side"),
                node(SessionResumeTest::extra).inputs("p2").outputs("extra").name("extra"));
        Session session = session(changed);

        SluiceException e = catchThrowableOfType(SluiceException.class, () -> session.resume("r1", false));

        assertThat(e.getMessage()).startsWith("Run r1 cannot be resumed: the project's code changed pipeline 'chain'")
                .contains(" Added: extra.", " Removed: expand.",
                        " Changed (function, inputs, outputs, tags or namespace): finish, side.")
                .contains("sluice run --resume r1 --force");
        assertThat(calls()).isEmpty();
        assertThat(new JournalStore(dir).read("r1").orElseThrow().parts().get(0).attempt()).isEqualTo(1);
    }

    @Test
    void forceResumesAChangedPipelineSkippingWhatTheJournalRecordsDone() {
        failedRun(session(chain()), RunSpec.builder("chain").runId("r1").build());
        Pipeline changed = Pipeline.of(
                node(SessionResumeTest::load).inputs("raw").outputs("m1").name("load"),
                node(SessionResumeTest::persist).inputs("m1").outputs("p2").name("persist"),
                node(SessionResumeTest::expand).inputs("p2").outputs("m3").name("expand"),
                node(SessionResumeTest::finish).inputs("m3").outputs("out").name("finish"),
                node(SessionResumeTest::sideChanged).inputs("p2").outputs("side").name("side"),
                node(SessionResumeTest::extra).inputs("p2").outputs("extra").name("extra"));
        Session session = session(changed);

        session.resume("r1", true);

        // side changed but completed: skipped; extra is new: it runs
        assertThat(calls()).isEqualTo(Map.of("expand", 1, "finish", 1, "extra", 1));
        RunJournal.Part part = new JournalStore(dir).read("r1").orElseThrow().parts().get(0);
        assertThat(part.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(part.structureHash()).isEqualTo(changed.structureHash());
        assertThat(part.nodeHashes()).isEqualTo(changed.nodeHashes());
    }

    @Test
    void aJournalWithoutNodeHashesIsRefusedWithTheHashesOnly() throws IOException {
        failedRun(session(chain()), RunSpec.builder("chain").runId("r1").build());
        Path part = part("r1", RunJournal.WHOLE_RUN);
        Files.writeString(part, Files.readString(part).replaceAll(",\"node_hashes\":\\{[^}]*}", ""));
        Pipeline changed = Pipeline.of(
                node(SessionResumeTest::load).inputs("raw").outputs("m1").name("load"),
                node(SessionResumeTest::persist).inputs("m1").outputs("p2").name("persist"),
                node(SessionResumeTest::expand).inputs("p2").outputs("m3").name("expand"),
                node(SessionResumeTest::finish).inputs("m3").outputs("out").name("finish"));
        Session session = session(changed);

        SluiceException e = catchThrowableOfType(SluiceException.class, () -> session.resume("r1", false));

        assertThat(e.getMessage()).contains("structure " + chain().structureHash().substring(0, 12) + " then, "
                        + changed.structureHash().substring(0, 12) + " now")
                .contains("cannot be named").contains("--force").doesNotContain("Removed");
    }

    @Test
    void everyPartThatDidNotSucceedIsResumedInStartOrder() {
        // the groups of chain (memory components): load = load, persist; expand = expand, finish; side = side
        Session session = session(chain());
        session.run(RunSpec.builder("chain").runId("r1").group("load").build());
        failedRun(session, RunSpec.builder("chain").runId("r1").group("expand").build());
        failedRun(session, RunSpec.builder("chain").runId("r1").group("side").build());
        assertThat(new JournalStore(dir).read("r1").orElseThrow().state()).isEqualTo(RunState.FAILED);

        session.resume("r1", false);

        RunJournal journal = new JournalStore(dir).read("r1").orElseThrow();
        assertThat(journal.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(journal.parts()).extracting(RunJournal.Part::group, RunJournal.Part::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("load", 1),
                        org.assertj.core.groups.Tuple.tuple("side", 1), org.assertj.core.groups.Tuple.tuple("expand", 2));
        // parts are ordered by start: expand's second attempt last. load succeeded: load and persist do not run; expand runs its own nodes only, not side's
        assertThat(calls()).isEqualTo(Map.of("expand", 1, "finish", 1));
    }

    @Test
    void aRunThatSucceededIsRefused() {
        Session session = session(chain());
        session.run(RunSpec.builder("chain").runId("r1").build());

        SluiceException e = catchThrowableOfType(SluiceException.class, () -> session.resume("r1", false));

        assertThat(e.getMessage()).startsWith("Run r1 succeeded: there is nothing to resume.")
                .contains("start a new run without --resume");
    }

    @Test
    void anUnknownRunIdListsTheNewestAndTheClosest() {
        Session session = session(chain());
        session.run(RunSpec.builder("chain").runId("nightly-1").build());
        session.run(RunSpec.builder("chain").runId("nightly-2").build());

        SluiceException e = catchThrowableOfType(SluiceException.class, () -> session.resume("nightly-3", false));

        assertThat(e.getMessage()).startsWith("No run 'nightly-3' in ")
                .contains("Did you mean 'nightly-1', 'nightly-2'?", "The newest runs: nightly-2, nightly-1");
    }
}
