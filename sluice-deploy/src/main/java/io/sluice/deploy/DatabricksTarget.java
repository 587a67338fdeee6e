package io.sluice.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Databricks Workflows: one job ({@code job.json}, the Jobs API 2.1 job settings that
 * {@code databricks jobs create --json @job.json} takes) with one task per group and
 * {@code depends_on} from the group graph. Each task is a {@code spark_jar_task} running
 * {@value #MAIN_CLASS} (the Sluice CLI without {@code System.exit}, which Databricks forbids in
 * JAR tasks) with the group-run arguments, on a single-node job cluster whose Databricks Container
 * Services image is the task's image (its class path at {@code /app/lib} and the config archive of
 * {@code sluice package} at {@code /app}, as {@code sluice export docker} lays them out); tasks with
 * the same image share a cluster. The run id is the job run's id
 * ({@code {{job.run_id}}}: one per job run, kept when a run is repaired, so re-run tasks join the
 * same Sluice run); the env is the job parameter {@code env}. Retries and deadlines are the task
 * policy's ({@code max_retries}, {@code min_retry_interval_millis}, {@code timeout_seconds}).
 * deploy.yml's CPU, memory and node selectors have no Databricks equivalent (a cluster has a node
 * type, {@code --databricks-node-type}) and are not carried.
 */
final class DatabricksTarget implements Target {
    static final String FILE = "job.json";
    /** The class a JAR task runs: {@code io.sluice.cli.SluiceJob}, the CLI that throws instead of exiting. */
    static final String MAIN_CLASS = "io.sluice.cli.SluiceJob";
    /** Where the image keeps the project ({@code conf/}) and its class path ({@code lib/}). */
    static final String APP = "/app";
    static final String RUN_ID = "{{job.run_id}}";
    static final String ENV = "{{job.parameters.env}}";
    private final TargetOptions options;

    DatabricksTarget(TargetOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "databricks";
    }

    /** A task key: letters, digits, {@code -} and {@code _}, at most 100. */
    static String taskKey(String id) {
        String s = id.replaceAll("[^A-Za-z0-9_-]+", "_");
        return s.isEmpty() ? "g" : s;
    }

    @Override
    public ExportFiles render(DeployPlan plan) {
        Map<String, String> keys = Names.unique(plan.tasks().stream().map(Task::id).toList(), DatabricksTarget::taskKey,
                100, "_");
        Map<String, String> clusterOfImage = new LinkedHashMap<>();
        for (Task t : plan.tasks()) {
            clusterOfImage.computeIfAbsent(t.image(), i -> clusterOfImage.isEmpty() ? "sluice"
                    : "sluice-" + (clusterOfImage.size() + 1));
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode job = f.objectNode();
        job.put("name", "sluice-" + plan.pipeline());
        job.put("description", plan.stamp(name()) + " Create: databricks jobs create --json @" + FILE);
        job.putObject("tags").put("sluice-pipeline", plan.pipeline()).put("sluice-grouping", plan.strategy())
                .put("sluice-structure-hash", plan.structureHash());
        job.put("format", "MULTI_TASK");
        job.put("max_concurrent_runs", 1);
        job.putArray("parameters").addObject().put("name", "env").put("default", plan.env());
        ArrayNode clusters = job.putArray("job_clusters");
        clusterOfImage.forEach((image, key) -> {
            ObjectNode c = clusters.addObject();
            c.put("job_cluster_key", key);
            ObjectNode nc = c.putObject("new_cluster");
            nc.put("spark_version", options.databricksSparkVersion());
            nc.put("node_type_id", options.databricksNodeType());
            nc.put("num_workers", 0);
            nc.putObject("spark_conf").put("spark.databricks.cluster.profile", "singleNode")
                    .put("spark.master", "local[*]").put("spark.driver.extraClassPath", APP + "/lib/*");
            nc.putObject("custom_tags").put("ResourceClass", "SingleNode");
            nc.putObject("docker_image").put("url", image);
        });
        ArrayNode tasks = job.putArray("tasks");
        for (Task t : plan.tasks()) {
            ObjectNode task = tasks.addObject();
            task.put("task_key", keys.get(t.id()));
            task.put("description", "Group " + t.id() + ": " + String.join(", ", t.nodes())
                    + (t.artifacts("model").isEmpty() ? "" : ". Models: " + String.join(", ", t.artifacts("model")))
                    + (t.artifacts("metrics").isEmpty() ? "" : ". Metrics: " + String.join(", ", t.artifacts("metrics")))
                    + (t.artifacts("dataset").isEmpty() ? "" : ". Datasets: "
                    + String.join(", ", t.artifacts("dataset"))));
            if (!t.dependsOn().isEmpty()) {
                ArrayNode deps = task.putArray("depends_on");
                t.dependsOn().forEach(d -> deps.addObject().put("task_key", keys.get(d)));
            }
            task.put("job_cluster_key", clusterOfImage.get(t.image()));
            ObjectNode jar = task.putObject("spark_jar_task");
            jar.put("main_class_name", MAIN_CLASS);
            ArrayNode params = jar.putArray("parameters");
            params.add("-C").add(APP).add("--conf-source").add(options.confArchive());
            List<String> cmd = plan.command(t, RUN_ID, ENV);
            cmd.subList(1, cmd.size()).forEach(params::add);
            TaskPolicy p = t.policy();
            task.put("max_retries", p.retries());
            if (p.retries() > 0) {
                task.put("min_retry_interval_millis", p.backoff().toMillis());
                task.put("retry_on_timeout", true);
            }
            p.deadline().ifPresent(d -> task.put("timeout_seconds", Formats.seconds(d)));
        }
        return new ExportFiles(name(), plan.structureHash(), new TreeMap<>(Map.of(FILE, Formats.json(job))));
    }
}
