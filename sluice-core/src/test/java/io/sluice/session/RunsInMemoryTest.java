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

    @Test
    void aPipelineOfMemoryDatasetsFedByInjectionRunsInMemory() {
        assertThat(session("", true).runsInMemory(doubling())).isTrue();
    }

    @Test
    void aFreeInputReadFromTheCatalogOnEveryRunIsIo() {
        Session session = session("x:\n  type: json\n  filepath: data/x.json\n  load_once: false\n", true);

        assertThat(session.runsInMemory(RunRequest.of("doubling").withJournal(false))).isFalse();
        // injecting it instead means the file is not read
        assertThat(session.runsInMemory(doubling())).isTrue();
    }

    @Test
    void writingAPersistentDatasetIsIo() {
        Session session = session("z:\n  type: json\n  filepath: data/z.json\n", true);

        assertThat(session.runsInMemory(doubling())).isFalse();
    }

    @Test
    void anArtifactCountsAsMemoryOnceItsSharedValueIsLoaded() {
        Session session = session("", true);

        assertThat(session.runsInMemory(scoring())).isTrue();
        assertThat(ArtifactsTest.LOADS.get()).as("the check compiles the plan, which loads the artifact").isEqualTo(1);
        session.run(RunRequest.of("training").withInput("seed", 3).withJournal(false));
        assertThat(session.runsInMemory(scoring())).as("the training run dropped the shared value").isFalse();
        assertThat(session.run(scoring()).outputs()).containsEntry("price", 6);
        assertThat(session.runsInMemory(scoring())).isTrue();
    }

    @Test
    void artifactsReadInEveryRunAreIo() {
        assertThat(session("", false).runsInMemory(scoring())).isFalse();
        assertThat(session("  load_once: false\n", true).runsInMemory(scoring())).isFalse();
    }

    @Test
    void journalsHooksAndOtherRunnersAreNotInMemory() {
        Session session = session("", true);

        assertThat(session.runsInMemory(doubling().withJournal(true))).isFalse();
        assertThat(session.runsInMemory(doubling().withHook(new RecordingHook()))).isFalse();
        assertThat(session.runsInMemory(doubling().withRunner("parallel"))).isFalse();
        assertThat(session.runsInMemory(doubling().withOnlyMissingOutputs(true))).isFalse();
        assertThat(session("", true, new RecordingHook()).runsInMemory(doubling())).isFalse();
    }

    @Test
    void aRequestThatCannotRunFailsAsTheRunWould() {
        Session session = session("", true);

        assertThatThrownBy(() -> session.runsInMemory(RunRequest.of("doubling").withInput("nope", 1)
                .withJournal(false)))
                .isInstanceOf(SluiceException.class).hasMessageContaining("Injected input 'nope'");
    }
}
