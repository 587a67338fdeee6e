package io.sluice.examples.spaceflights;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.journal.JournalStore;
import io.sluice.run.NodeState;
import io.sluice.run.RunJournal;
import io.sluice.run.RunState;
import io.sluice.test.CommandResult;
import io.sluice.test.ProjectDirs;
import io.sluice.test.SluiceCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spaceflights split into groups (the memory components of conf: no deploy.yml), each group run as
 * its own JVM by the {@code by_process} launcher of runners.yml under one run id: the data it
 * leaves is byte-equal to a single-process run's, and the journal reads as one run.
 */
class GroupRunsTest {

    @TempDir
    Path single;
    @TempDir
    Path split;

    @Test
    void everyGroupInItsOwnProcessLeavesTheBytesOfASingleProcessRunAndOneRun() throws Exception {
        ProjectDirs.copyInputs(single);
        ProjectDirs.copyInputs(split);

        CommandResult one = SluiceCommand.run(single, "run", "--run-id", "r-split");
        CommandResult many = SluiceCommand.run(split, "run", "--runner", "by_process", "--run-id", "r-split");

        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(many.exitCode()).as(many.err() + many.out()).isZero();
        assertThat(many.out()).contains("[split_data]", "[preprocess_companies]");
        Map<String, String> expected = outputs(single.resolve("data"));
        Map<String, String> actual = outputs(split.resolve("data"));
        assertThat(actual.keySet()).isEqualTo(expected.keySet())
                .contains("06_models/regressor.onnx", "08_reporting/metrics.json",
                        "03_primary/model_input_table.parquet");
        // the ONNX model embeds Tribuo's provenance, with the time its training data was created, and its
        // sidecar the model's checksum: two runs never write the same bytes; the metrics, computed from its
        // predictions, must be equal
        expected.remove("06_models/regressor.onnx");
        expected.remove("06_models/regressor.onnx.meta.json");
        expected.forEach((name, digest) -> assertThat(actual.get(name)).as(name).isEqualTo(digest));

        RunJournal run = new JournalStore(split).read("r-split").orElseThrow();
        assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
        assertThat(run.parts()).hasSize(4).allSatisfy(p -> assertThat(p.pid()).isNotEqualTo(ProcessHandle.current().pid()));
        assertThat(run.missingGroups()).isEmpty();
        assertThat(run.nodes()).hasSize(6).allSatisfy(n -> assertThat(n.state()).isEqualTo(NodeState.COMPLETED));

        CommandResult show = SluiceCommand.run(split, "runs", "show", "r-split");
        assertThat(show.out()).contains("succeeded", "Groups: 4 of 4 run");
    }

    /**
     * The SHA-256 of each data file, without the checksum sidecars and locks (they record times and
     * process ids).
     */
    private static Map<String, String> outputs(Path data) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                String name = data.relativize(f).toString().replace('\\', '/');
                String file = f.getFileName().toString();
                if (!file.startsWith(".") && !file.endsWith(".lock")) {
                    files.put(name, java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                }
            }
        }
        return files;
    }
}
