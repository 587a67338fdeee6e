package io.sluice.datasets;

import static io.sluice.datasets.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.datasets.files.BytesDataset;
import io.sluice.datasets.files.SerializedDataset;
import io.sluice.datasets.files.YamlDataset;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.run.RunContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The file datasets of this module work for the run they are given, not for the run the calling
 * thread works for (the session passes the run; the thread's is only a fallback for user code).
 * Each case runs with another run made current on the thread, so a dataset that read it would
 * fail. A module with more file datasets extends this class and overrides {@link #fileDatasets()}
 * (sluice-onnx's model dataset).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class ExplicitRunTest {
    private static final String FIRST = "2024-01-01T00.00.00.000Z-first";
    private static final String SECOND = "2024-01-02T00.00.00.000Z-second";
    private static final String THREADS = "2024-01-09T00.00.00.000Z-thread";

    /** A versioned file dataset named 'value' and two values it saves and loads back equal. */
    public record Case(String type, Function<DatasetConfig, Dataset<?>> make, Map<String, Object> keys, Object first,
                Object second) {
        @SuppressWarnings("unchecked")
        public Dataset<Object> in(Path project) {
            Map<String, Object> entry = map("filepath", "data/value." + type, "versioned", true);
            entry.putAll(keys);
            return (Dataset<Object>) make.apply(DatasetConfig.of("value", type, entry, project));
        }

        @Override
        public String toString() {
            return type;
        }
    }

    /** The cases: this module's versioned file datasets. */
    public Stream<Case> fileDatasets() {
        return Stream.of(
                new Case("bytes", BytesDataset::new, map(), new byte[] {1, 2}, new byte[] {3}),
                new Case("serialized", SerializedDataset::new, map(), List.of("a", "b"), "second"),
                new Case("yaml", YamlDataset::new, map(), map("rate", 1), map("rate", 2)));
    }

    private static RunContext run(String runId, Path project, Map<String, String> pins) {
        return new RunContext(runId, "p", "base", Map.of(), project, pins);
    }

    /** Runs {@code body} while another run, pinning {@code threadPins}, is the thread's. */
    private static void onAThreadOfAnotherRun(Path project, Map<String, String> threadPins, Runnable body) {
        try (RunContext.Scope ignored = RunContext.enter(run(THREADS, project, threadPins))) {
            body.run();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileDatasets")
    void aSaveWritesTheVersionOfTheRunItIsGiven(Case c, @TempDir Path project) {
        Dataset<Object> ds = c.in(project);

        onAThreadOfAnotherRun(project, Map.of(), () -> {
            ds.save(run(FIRST, project, Map.of()), c.first());
            ds.save(run(SECOND, project, Map.of()), c.second());
        });

        assertThat(ds.versions()).containsExactly(FIRST, SECOND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileDatasets")
    void aLoadReadsTheVersionTheRunItIsGivenPinsOrElseTheLatest(Case c, @TempDir Path project) {
        Dataset<Object> ds = c.in(project);
        ds.save(run(FIRST, project, Map.of()), c.first());
        ds.save(run(SECOND, project, Map.of()), c.second());

        onAThreadOfAnotherRun(project, Map.of("value", SECOND), () -> {
            assertThat(ds.load(run("r", project, Map.of("value", FIRST)), Object.class)).isEqualTo(c.first());
            assertThat(ds.exists(run("r", project, Map.of("value", FIRST)))).isTrue();
        });
        onAThreadOfAnotherRun(project, Map.of("value", FIRST), () -> {
            assertThat(ds.load(run("r", project, Map.of()), Object.class)).isEqualTo(c.second());
            assertThat(ds.exists(run("r", project, Map.of("value", "2024-01-03T00.00.00.000Z-none")))).isFalse();
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fileDatasets")
    void theContextFreeMethodsStillWorkOutsideRuns(Case c, @TempDir Path project) {
        Dataset<Object> ds = c.in(project);

        ds.save(c.first());

        assertThat(ds.versions()).hasSize(1);
        assertThat(ds.load()).isEqualTo(c.first());
        assertThat(ds.exists()).isTrue();
    }
}
