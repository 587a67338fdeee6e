package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.group.GroupDependency;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Databricks job checked against the documented Jobs API 2.1 job settings (no workspace is
 * reachable, and Databricks publishes no offline validator): known top-level keys with their
 * types, unique task keys of the allowed characters, {@code depends_on} naming earlier tasks and
 * forming the group graph, exactly one task type per task, job clusters that exist, dynamic value
 * references only of known namespaces and defined job parameters, and the group-run contract in
 * every task's parameters with {@code {{job.run_id}}} as the run id.
 */
class DatabricksJobTest {
    /** The JobSettings keys the export may write (Jobs API 2.1 "Create a new job"). */
    private static final Set<String> JOB_KEYS = Set.of("name", "description", "tags", "format", "max_concurrent_runs",
            "parameters", "job_clusters", "tasks", "timeout_seconds", "email_notifications", "schedule");
    /** The task types of the Jobs API 2.1 (a task has exactly one). */
    private static final Set<String> TASK_TYPES = Set.of("notebook_task", "spark_jar_task", "spark_python_task",
            "spark_submit_task", "pipeline_task", "python_wheel_task", "dbt_task", "sql_task", "run_job_task",
            "condition_task", "for_each_task");
    private static final Set<String> TASK_KEYS = Set.of("task_key", "description", "depends_on", "job_cluster_key",
            "existing_cluster_id", "new_cluster", "libraries", "max_retries", "min_retry_interval_millis",
            "retry_on_timeout", "timeout_seconds", "spark_jar_task");
    private static final Pattern REFERENCE = Pattern.compile("\\{\\{([^}]*)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    void theJobIsWellFormedJobSettingsOfTheGroupGraph() throws Exception {
        for (Exports.Grouped g : Exports.GROUPINGS) {
            Spaceflights.Fixture fx = Spaceflights.fixture(project, g.strategy(), false);
            ExportFiles files = Target.named("databricks", TargetOptions.DEFAULTS).render(fx.plan(Exports.ENV,
                    Exports.IMAGE));
            assertThat(files.files().keySet()).containsExactly(DatabricksTarget.FILE);
            JsonNode job = JSON.readTree(files.files().get(DatabricksTarget.FILE));
            job.fieldNames().forEachRemaining(k -> assertThat(JOB_KEYS).as("job key " + k).contains(k));
            assertThat(job.get("name").asText()).isEqualTo("sluice-__default__").hasSizeLessThanOrEqualTo(4096);
            assertThat(job.get("format").asText()).isEqualTo("MULTI_TASK");
            assertThat(job.get("max_concurrent_runs").isInt()).isTrue();
            assertThat(job.at("/tags/sluice-structure-hash").asText()).isEqualTo(fx.document().structureHash());
            job.get("tags").fields().forEachRemaining(e -> assertThat(e.getValue().isTextual()).isTrue());
            Set<String> jobParams = new HashSet<>();
            for (JsonNode p : job.get("parameters")) {
                assertThat(p.get("name").asText()).matches("[A-Za-z0-9_]+");
                assertThat(p.get("default").isTextual()).isTrue();
                jobParams.add(p.get("name").asText());
            }
            assertThat(jobParams).containsExactly("env");
            Set<String> clusters = new HashSet<>();
            for (JsonNode c : job.get("job_clusters")) {
                assertThat(clusters.add(c.get("job_cluster_key").asText())).isTrue();
                JsonNode nc = c.get("new_cluster");
                assertThat(nc.get("spark_version").asText()).isEqualTo(TargetOptions.DATABRICKS_SPARK_VERSION);
                assertThat(nc.get("node_type_id").asText()).isNotBlank();
                assertThat(nc.get("num_workers").asInt(-1)).isZero();
                assertThat(nc.at("/docker_image/url").asText()).isEqualTo(Exports.IMAGE);
            }
            JsonNode tasks = job.get("tasks");
            assertThat(tasks.size()).isBetween(1, 1000);
            Map<String, String> groupOfKey = new HashMap<>();
            List<List<String>> edges = new ArrayList<>();
            for (JsonNode t : tasks) {
                String key = t.get("task_key").asText();
                assertThat(key).matches("[A-Za-z0-9_-]{1,100}");
                t.fieldNames().forEachRemaining(k -> assertThat(TASK_KEYS).as("task key " + k).contains(k));
                List<String> types = new ArrayList<>();
                for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (TASK_TYPES.contains(f)) {
                        types.add(f);
                    }
                }
                assertThat(types).containsExactly("spark_jar_task");
                assertThat(clusters).contains(t.get("job_cluster_key").asText());
                for (JsonNode d : t.path("depends_on")) {
                    String dep = d.get("task_key").asText();
                    assertThat(groupOfKey).as(key + " depends on an earlier task").containsKey(dep);
                    edges.add(List.of(groupOfKey.get(dep), key));
                }
                assertThat(t.get("max_retries").asInt()).isGreaterThanOrEqualTo(-1);
                if (t.has("timeout_seconds")) {
                    assertThat(t.get("timeout_seconds").asLong()).isPositive();
                }
                JsonNode jar = t.get("spark_jar_task");
                assertThat(jar.get("main_class_name").asText()).isEqualTo("io.sluice.cli.SluiceJob");
                List<String> params = new ArrayList<>();
                jar.get("parameters").forEach(p -> params.add(p.asText()));
                assertThat(params.subList(0, 8)).containsExactly("-C", "/app", "--conf-source",
                        "/app/conf-project.tar.gz", "run", "--pipeline", "__default__", "--group");
                assertThat(params.subList(9, 13)).containsExactly("--run-id", "{{job.run_id}}", "--env",
                        "{{job.parameters.env}}");
                for (String p : params) {
                    Matcher m = REFERENCE.matcher(p);
                    while (m.find()) {
                        String ref = m.group(1);
                        assertThat(ref.equals("job.run_id") || ref.startsWith("job.parameters.")
                                && jobParams.contains(ref.substring("job.parameters.".length()))).as(ref).isTrue();
                    }
                }
                groupOfKey.put(key, params.get(8));
            }
            assertThat(groupOfKey.values()).containsExactlyInAnyOrderElementsOf(fx.grouping().groupIds());
            Set<List<String>> got = new HashSet<>();
            edges.forEach(e -> got.add(List.of(e.get(0), groupOfKey.get(e.get(1)))));
            Set<List<String>> expected = new HashSet<>();
            for (GroupDependency d : fx.grouping().dependencies()) {
                expected.add(List.of(d.from(), d.to()));
            }
            assertThat(got).as(g.name()).isEqualTo(expected);
        }
    }

    @Test
    void retriesAndDeadlinesComeFromTheTaskPolicyAndImagesShareClusters() throws Exception {
        Spaceflights.Fixture fx = Spaceflights.fixture(project, Exports.GROUPINGS.get(0).strategy(), false, """
                tasks:
                  data_science.split_data: {image: registry.example.com/spaceflights-gpu:1.0.0}
                """);
        JsonNode job = JSON.readTree(Target.named("databricks", new TargetOptions(null, null, null, null,
                "16.4.x-scala2.12", "Standard_DS3_v2")).render(fx.plan(Exports.ENV, Exports.IMAGE)).files()
                .get(DatabricksTarget.FILE));
        assertThat(job.get("job_clusters")).hasSize(2);
        assertThat(job.at("/job_clusters/1/new_cluster/docker_image/url").asText())
                .isEqualTo("registry.example.com/spaceflights-gpu:1.0.0");
        assertThat(job.at("/job_clusters/0/new_cluster/node_type_id").asText()).isEqualTo("Standard_DS3_v2");
        assertThat(job.at("/job_clusters/0/new_cluster/spark_version").asText()).isEqualTo("16.4.x-scala2.12");
        for (JsonNode t : job.get("tasks")) {
            String key = t.get("task_key").asText();
            if (key.contains("preprocess")) { // runners.yml retries the preprocessing 3 times, 200ms backoff
                assertThat(t.get("max_retries").asInt()).isEqualTo(2);
                assertThat(t.get("min_retry_interval_millis").asLong()).isEqualTo(200);
                assertThat(t.get("job_cluster_key").asText()).isEqualTo("sluice");
            }
            if (key.equals("data_science-split_data") || key.equals("data_science_split_data")) {
                assertThat(t.get("timeout_seconds").asLong()).isEqualTo(1800); // 3 nodes x 10m
                assertThat(t.get("job_cluster_key").asText()).isEqualTo("sluice-2");
            }
        }
    }
}
