package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sluice.group.GroupDependency;
import io.sluice.group.Grouping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Airflow DAG files compile with Python's own parser, and the tasks and {@code >>}
 * dependencies read back from them are the grouping's groups and dependencies.
 */
class AirflowDagTest {
    private static final Pattern VAR = Pattern.compile("^    (\\w+) = (KubernetesPodOperator|BashOperator)\\($",
            Pattern.MULTILINE);
    private static final Pattern TASK_ID = Pattern.compile("^        task_id=\"([^\"]+)\",$", Pattern.MULTILINE);
    private static final Pattern GROUP = Pattern.compile("\"--group\",? \"?([^\" ,]+)\"?|--group (\\S+)");
    private static final Pattern EDGE = Pattern.compile("^    (\\w+) >> (\\w+)$", Pattern.MULTILINE);

    @TempDir
    Path project;

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes", "bash"})
    void compilesAndItsTasksAndDependenciesAreTheGroupGraph(String operator) throws Exception {
        requirePython();
        for (Exports.Grouped g : Exports.GROUPINGS) {
            Spaceflights.Fixture fx = Spaceflights.fixture(project, g.strategy(), false);
            ExportFiles files = Target.named("airflow", new TargetOptions(null, operator, null, null))
                    .render(fx.plan(Exports.ENV, Exports.IMAGE));
            String py = files.files().values().iterator().next();
            Path file = project.resolve("dag_" + operator + ".py");
            Files.writeString(file, py, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("python3", "-m", "py_compile", file.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(out).isZero();

            Map<String, String> groupOfVar = new HashMap<>();
            List<String> taskIds = new ArrayList<>();
            String[] blocks = py.split("\n(?=    \\w+ = (KubernetesPodOperator|BashOperator)\\()");
            for (String block : blocks) {
                Matcher v = VAR.matcher(block);
                if (!v.find()) {
                    continue;
                }
                Matcher id = TASK_ID.matcher(block);
                Matcher grp = GROUP.matcher(block);
                assertThat(id.find() && grp.find()).as(block).isTrue();
                taskIds.add(id.group(1));
                groupOfVar.put(v.group(1), grp.group(1) != null ? grp.group(1) : grp.group(2));
            }
            Grouping grouping = fx.grouping();
            assertThat(groupOfVar.values()).as(g.name()).containsExactlyInAnyOrderElementsOf(grouping.groupIds());
            assertThat(taskIds).doesNotHaveDuplicates().allMatch(t -> t.matches("[A-Za-z0-9._-]+"));
            Set<List<String>> edges = new LinkedHashSet<>();
            Matcher e = EDGE.matcher(py);
            while (e.find()) {
                edges.add(List.of(groupOfVar.get(e.group(1)), groupOfVar.get(e.group(2))));
            }
            Set<List<String>> expected = new LinkedHashSet<>();
            for (GroupDependency d : grouping.dependencies()) {
                expected.add(List.of(d.from(), d.to()));
            }
            assertThat(edges).as(g.name() + " " + operator).isEqualTo(expected);
            assertThat(py).contains("{{ run_id | sluice_run_id }}");
        }
    }

    private static void requirePython() throws IOException {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (IOException | InterruptedException e) {
            // below
        }
        fail("python3 is needed to check the exported Airflow DAG (python3 -m py_compile): install python3.");
    }
}
