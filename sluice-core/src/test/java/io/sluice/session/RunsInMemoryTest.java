package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Session#runsInMemory}: which runs may go on a thread that must not block. */
class RunsInMemoryTest {
    @TempDir
    Path dir;

    static int score(int features, int model) {
        return features * model;
    }

    static int train(int seed) {
        return seed;
    }

    static int twice(int x) {
        return 2 * x;
    }

    @BeforeEach
    void reset() {
        ArtifactsTest.LOADS.set(0);
        ArtifactsTest.stored = 10;
    }

    private Session session(String catalog, boolean artifactsOnce, RecordingHook... hooks) {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", "model:\n  type: "
                + ArtifactsTest.CountingModel.class.getName() + "\n" + catalog));
        Pipeline scoring = Pipeline.of(node(RunsInMemoryTest::score).inputs("features", "model").outputs("price")
                .name("score"));
        Pipeline training = Pipeline.of(node(RunsInMemoryTest::train).inputs("seed").outputs("model").name("train"));
        Pipeline doubling = Pipeline.of(node(RunsInMemoryTest::twice).inputs("x").outputs("y").name("twice"),
                node(RunsInMemoryTest::twice).inputs("y").outputs("z").name("again"));
        return Session.compile(new TestProject(Map.of("scoring", scoring, "training", training, "doubling", doubling),
                List.of(hooks)), new SessionOptions(dir, "local", Map.of()).withLoadArtifactsOnce(artifactsOnce));
    }

    private static RunRequest doubling() {
        return RunRequest.of("doubling").withInput("x", 1).withJournal(false);
    }

    private static RunRequest scoring() {
        return RunRequest.of("scoring").withInput("features", 2).withJournal(false);
    }

    /** {@code session.runsInMemory(request)} once the request's plan is compiled. */
    private static boolean inMemory(Session session, RunRequest request) {
        session.prepare(request);
        return session.runsInMemory(request);
    }

    @Test
    void aPipelineOfMemoryDatasetsFedByInjectionRunsInMemory() {
        assertThat(inMemory(session("", true), doubling())).isTrue();
    }

    @Test
    void aRequestWhosePlanIsNotCompiledYetIsNotReportedInMemoryAndNothingIsCompiled() {
        Session session = session("", true);

        assertThat(session.runsInMemory(scoring())).isFalse();
        assertThat(ArtifactsTest.LOADS.get()).as("compiling the plan would have read the artifact").isZero();
        session.run(scoring());
        assertThat(session.runsInMemory(scoring())).isTrue();
    }

    @Test
    void aFreeInputReadFromTheCatalogOnEveryRunIsIo() {
        Session session = session("x:\n  type: json\n  filepath: data/x.json\n  load_once: false\n", true);

        assertThat(inMemory(session, RunRequest.of("doubling").withJournal(false))).isFalse();
        // injecting it instead means the file is not read
        assertThat(inMemory(session, doubling())).isTrue();
    }

    @Test
    void writingAPersistentDatasetIsIo() {
        Session session = session("z:\n  type: json\n  filepath: data/z.json\n", true);

        assertThat(inMemory(session, doubling())).isFalse();
    }

    @Test
    void anArtifactCountsAsMemoryOnceItsSharedValueIsLoaded() {
        Session session = session("", true);

        assertThat(inMemory(session, scoring())).isTrue();
        assertThat(ArtifactsTest.LOADS.get()).as("compiling the plan loaded the artifact").isEqualTo(1);
        session.run(RunRequest.of("training").withInput("seed", 3).withJournal(false));
        assertThat(session.runsInMemory(scoring())).as("the training run dropped the shared value").isFalse();
        assertThat(session.run(scoring()).outputs()).containsEntry("price", 6);
        assertThat(session.runsInMemory(scoring())).isTrue();
    }

    @Test
    void artifactsReadInEveryRunAreIo() {
        assertThat(inMemory(session("", false), scoring())).isFalse();
        assertThat(inMemory(session("  load_once: false\n", true), scoring())).isFalse();
    }

    @Test
    void journalsHooksAndOtherRunnersAreNotInMemory() {
        Session session = session("", true);

        assertThat(inMemory(session, doubling().withJournal(true))).isFalse();
        assertThat(inMemory(session, doubling().withHook(new RecordingHook()))).isFalse();
        assertThat(inMemory(session, doubling().withRunner("parallel"))).isFalse();
        assertThat(session.runsInMemory(doubling().withOnlyMissingOutputs(true))).isFalse();
        assertThat(inMemory(session("", true, new RecordingHook()), doubling())).isFalse();
    }

    @Test
    void aRequestThatCannotRunIsNotInMemoryAndTheRunSaysWhy() {
        Session session = session("", true);
        RunRequest bad = RunRequest.of("doubling").withInput("nope", 1).withJournal(false);

        assertThat(session.runsInMemory(bad)).isFalse();
        assertThatThrownBy(() -> session.run(bad)).isInstanceOf(SluiceException.class)
                .hasMessageContaining("Injected input 'nope'");
    }
}
