package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
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

    /** A spec and what is injected beside it. */
    private record Call(RunSpec spec, Injected injected) {
        boolean inMemory(Session session) {
            return session.runsInMemory(spec, injected);
        }

        RunResult run(Session session) {
            return session.run(spec, injected);
        }

        Call spec(java.util.function.UnaryOperator<RunSpec.Builder> change) {
            return new Call(change.apply(spec.toBuilder()).build(), injected);
        }
    }

    private static Call doubling() {
        return new Call(RunSpec.builder("doubling").journal(false).build(), Injected.input("x", 1));
    }

    private static Call scoring() {
        return new Call(RunSpec.builder("scoring").journal(false).build(), Injected.input("features", 2));
    }

    /** {@code session.runsInMemory(spec, injected)} once the plan is compiled. */
    private static boolean inMemory(Session session, Call call) {
        session.prepare(call.spec(), call.injected());
        return call.inMemory(session);
    }

    @Test
    void aPipelineOfMemoryDatasetsFedByInjectionRunsInMemory() {
        assertThat(inMemory(session("", true), doubling())).isTrue();
    }

    @Test
    void aRequestWhosePlanIsNotCompiledYetIsNotReportedInMemoryAndNothingIsCompiled() {
        Session session = session("", true);

        assertThat(scoring().inMemory(session)).isFalse();
        assertThat(ArtifactsTest.LOADS.get()).as("compiling the plan would have read the artifact").isZero();
        scoring().run(session);
        assertThat(scoring().inMemory(session)).isTrue();
    }

    @Test
    void aFreeInputReadFromTheCatalogOnEveryRunIsIo() {
        Session session = session("x:\n  type: json\n  filepath: data/x.json\n  load_once: false\n", true);

        assertThat(inMemory(session, new Call(RunSpec.builder("doubling").journal(false).build(), Injected.NONE)))
                .isFalse();
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
        session.run(RunSpec.builder("training").journal(false).build(), Injected.input("seed", 3));
        assertThat(scoring().inMemory(session)).as("the training run dropped the shared value").isFalse();
        assertThat(scoring().run(session).outputs()).containsEntry("price", 6);
        assertThat(scoring().inMemory(session)).isTrue();
    }

    @Test
    void artifactsReadInEveryRunAreIo() {
        assertThat(inMemory(session("", false), scoring())).isFalse();
        assertThat(inMemory(session("  load_once: false\n", true), scoring())).isFalse();
    }

    @Test
    void journalsHooksAndOtherRunnersAreNotInMemory() {
        Session session = session("", true);

        assertThat(inMemory(session, doubling().spec(b -> b.journal(true)))).isFalse();
        assertThat(inMemory(session, new Call(doubling().spec(), doubling().injected().plusHook(new RecordingHook()))))
                .isFalse();
        assertThat(inMemory(session, doubling().spec(b -> b.runner("parallel")))).isFalse();
        assertThat(doubling().spec(b -> b.onlyMissingOutputs(true)).inMemory(session)).isFalse();
        assertThat(inMemory(session("", true, new RecordingHook()), doubling())).isFalse();
    }

    @Test
    void aRequestThatCannotRunIsNotInMemoryAndTheRunSaysWhy() {
        Session session = session("", true);
        Call bad = new Call(RunSpec.builder("doubling").journal(false).build(), Injected.input("nope", 1));

        assertThat(bad.inMemory(session)).isFalse();
        assertThatThrownBy(() -> bad.run(session)).isInstanceOf(SluiceException.class)
                .hasMessageContaining("Injected input 'nope'");
    }
}
