package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.hooks.Hook;
import io.sluice.journal.JournalStore;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.GroupBy;
import io.sluice.run.RunContext;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunJournal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.run.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Session#startAttempt}: a further attempt of a group run goes on from the journal part an
 * earlier attempt of the same run id left, so what that attempt saved is not saved again, and a
 * part that succeeded ends the attempt at once. Grouped by branch (a run spec's {@code group_by}):
 * one group {@code load} of four nodes, {@code clean} saving a versioned dataset half-way.
 * <pre>
 *   raw -> load -[table: memory]-> clean -[clean: json, versioned]-> train -[model: memory]-> score -> score
 * </pre>
 */
class GroupAttemptTest {
    @TempDir
    Path dir;

    static int inc(int x) {
        return x + 1;
    }

    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final AtomicBoolean scoreFails = new AtomicBoolean(true);

    private Session session() {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                raw: {type: json, filepath: data/raw.json}
                clean: {type: json, filepath: data/clean.json, versioned: true}
                score: {type: json, filepath: data/score.json}
                """, "data/raw.json", "1"));
        Hook hook = new Hook() {
            @Override
            public void beforeNodeRun(RunContext run, Node node, Map<String, Object> inputs) {
                ran.add(node.name());
                if (node.name().equals("score") && scoreFails.get()) {
                    throw new IllegalStateException("score is down");
                }
            }
        };
        Pipeline chain = Pipeline.of(
                node(GroupAttemptTest::inc).inputs("raw").outputs("table").name("load"),
                node(GroupAttemptTest::inc).inputs("table").outputs("clean").name("clean"),
                node(GroupAttemptTest::inc).inputs("clean").outputs("model").name("train"),
                node(GroupAttemptTest::inc).inputs("model").outputs("score").name("score"));
        return TestProject.session(dir, new TestProject(Map.of("chain", chain), List.of(hook)));
    }

    private static RunSpec attempt() {
        return RunSpec.builder("chain").group("load").groupBy(GroupBy.of("branch")).runId("r1").build();
    }

    @Test
    void aRetriedGroupSkipsWhatItsLostAttemptSavedAndASucceededPartEndsAtOnce() throws Exception {
        try (Session session = session()) {
            assertThatThrownBy(() -> session.run(attempt())).isInstanceOf(RunFailedException.class);
            Path saved = dir.resolve("data/clean.json/r1/clean.json");
            FileTime savedAt = Files.getLastModifiedTime(saved);
            scoreFails.set(false);
            ran.clear();

            RunResult retried = session.startAttempt(attempt(), Injected.NONE).await(Duration.ofSeconds(30));

            assertThat(ran).containsExactly("train", "score"); // clean's version is there: not written again
            assertThat(Files.getLastModifiedTime(saved)).isEqualTo(savedAt);
            assertThat(dir.resolve("data/score.json")).content().isEqualToIgnoringWhitespace("5");
            RunJournal.Part part = retried.journal().parts().get(0);
            assertThat(part.state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(part.spec().groupBy()).isEqualTo(GroupBy.of("branch"));
            assertThat(part.nodes()).extracting(RunJournal.NodeRecord::name)
                    .containsExactly("load", "clean", "train", "score");
            int attempts = part.attempt();
            ran.clear();

            RunResult again = session.startAttempt(attempt(), Injected.NONE).await(Duration.ofSeconds(30));

            assertThat(ran).isEmpty(); // the part succeeded: an attempt lost before it reported runs nothing
            assertThat(again.journal().state()).isEqualTo(RunState.SUCCEEDED);
            assertThat(new JournalStore(dir).read("r1").orElseThrow().parts().get(0).attempt()).isEqualTo(attempts);
        }
    }
}
