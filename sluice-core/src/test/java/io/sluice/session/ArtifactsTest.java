package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactsTest {
    static final AtomicInteger LOADS = new AtomicInteger();
    static volatile int stored = 10;

    @TempDir
    Path dir;

    /** A persistent dataset that counts its loads. */
    public static final class CountingModel implements Dataset<Integer> {
        public CountingModel(DatasetConfig config) {
        }

        @Override
        public Integer load() {
            LOADS.incrementAndGet();
            return stored;
        }

        @Override
        public void save(Integer data) {
            stored = data;
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", CountingModel.class.getName());
        }
    }

    static int score(int features, int model) {
        return features * model;
    }

    static int train(int seed) {
        return seed;
    }

    @BeforeEach
    void reset() {
        LOADS.set(0);
        stored = 10;
    }

    private Session session(String extra, boolean once) {
        TestProject.write(dir, Map.of("conf/base/catalog.yml",
                "model:\n  type: " + CountingModel.class.getName() + "\n" + extra));
        Pipeline scoring = Pipeline.of(node(ArtifactsTest::score).inputs("features", "model").outputs("price")
                .name("score"));
        Pipeline training = Pipeline.of(node(ArtifactsTest::train).inputs("seed").outputs("model").name("train"));
        return Session.compile(new TestProject(Map.of("scoring", scoring, "training", training), List.of()),
                new SessionOptions(dir, "local", Map.of()).withLoadArtifactsOnce(once));
    }

    private static final RunSpec SCORING = RunSpec.builder("scoring").journal(false).build();

    private static Injected features(int features) {
        return Injected.input("features", features);
    }

    @Test
    void aDatasetThePipelineOnlyReadsIsLoadedOnceForAllRuns() {
        Session session = session("", true);

        for (int i = 1; i <= 50; i++) {
            assertThat(session.run(SCORING, features(i)).outputs()).containsEntry("price", i * 10);
        }

        assertThat(LOADS.get()).isEqualTo(1);
    }

    @Test
    void theLoadHappensWhenThePipelineIsFirstCompiledNotInTheRun() {
        RecordingHook hook = new RecordingHook();
        TestProject.write(dir, Map.of("conf/base/catalog.yml",
                "model:\n  type: " + CountingModel.class.getName() + "\n"));
        Pipeline scoring = Pipeline.of(node(ArtifactsTest::score).inputs("features", "model").outputs("price")
                .name("score"));
        Session session = Session.compile(new TestProject(Map.of("scoring", scoring), List.of(hook)),
                new SessionOptions(dir, "local", Map.of()));

        session.run(SCORING, features(2));
        session.run(SCORING, features(3));

        assertThat(LOADS.get()).isEqualTo(1);
        assertThat(hook.events).filteredOn(e -> e.startsWith("afterDatasetLoaded model"))
                .containsExactly("afterDatasetLoaded model score 10", "afterDatasetLoaded model score 10");
    }

    /** A shared value holding a resource. */
    static final class Handle implements AutoCloseable {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    static final Handle HANDLE = new Handle();

    /** A persistent dataset whose value must be closed. */
    public static final class HandleDataset implements Dataset<Handle> {
        public HandleDataset(DatasetConfig config) {
        }

        @Override
        public Handle load() {
            return HANDLE;
        }

        @Override
        public void save(Handle data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", HandleDataset.class.getName());
        }
    }

    static boolean isOpen(Handle h) {
        return !h.closed;
    }

    @Test
    void closingTheSessionClosesSharedArtifactsThatHoldResources() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", "handle:\n  type: " + HandleDataset.class.getName() + "\n"));
        Pipeline p = Pipeline.of(node(ArtifactsTest::isOpen).inputs("handle").outputs("open").name("check"));
        Session session = Session.compile(TestProject.of(p), new SessionOptions(dir, "local", Map.of()));
        HANDLE.closed = false;

        assertThat(session.run(RunSpec.builder().journal(false).build()).outputs()).containsEntry("open", true);
        session.close();

        assertThat(HANDLE.closed).isTrue();
    }

    @Test
    void loadOnceFalseOptsADatasetOut() {
        Session session = session("  load_once: false\n", true);

        for (int i = 1; i <= 5; i++) {
            session.run(SCORING, features(i));
        }

        assertThat(LOADS.get()).isEqualTo(5);
    }

    @Test
    void sessionsThatRunOnceCanReadInputsInTheRunInstead() {
        Session session = session("", false);

        session.run(SCORING, features(1));
        session.run(SCORING, features(2));

        assertThat(LOADS.get()).isEqualTo(2);
    }

    @Test
    void aRunThatWritesTheArtifactMakesTheNextRunReadItAgain() {
        Session session = session("", true);
        session.run(SCORING, features(1));

        session.run(RunSpec.builder("training").journal(false).build(), Injected.input("seed", 7));

        assertThat(session.run(SCORING, features(2)).outputs()).containsEntry("price", 14);
        assertThat(LOADS.get()).isEqualTo(2);
    }
}
