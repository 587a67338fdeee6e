package io.sluice.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubeflow Pipelines v2 and Vertex AI Pipelines: the pipeline IR YAML ({@code PipelineSpec},
 * schema 2.1.0) that {@code kfp} compiles to and both platforms accept: one component and
 * container executor per group, the root DAG's tasks ordered by {@code dependentTasks}, caching
 * off (a group run writes data), retries as {@code retryPolicy}. The run id is the pipeline job's
 * name ({@code {{$.pipeline_job_name}}}); the env is the pipeline parameter {@code env}. KFP has no
 * per-task deadline in the IR, so the policy's deadline is not carried; deploy.yml's CPU and
 * memory become the executor's {@code resources}; node selectors (a Kubernetes platform-spec
 * extension of the IR) are not carried.
 */
final class KubeflowTarget implements Target {
    static final String FILE = "pipeline.yaml";

    @Override
    public String name() {
        return "kubeflow";
    }

    @Override
    public ExportFiles render(DeployPlan plan) {
        Map<String, String> names = Names.unique(plan.tasks().stream().map(Task::id).toList(), Names::dns1123, 63,
                "-");
        JsonNodeFactory f = JsonNodeFactory.instance;
        String pipelineName = Names.dns1123("sluice-" + plan.pipeline());
        ObjectNode root = f.objectNode();
        ObjectNode components = root.putObject("components");
        ObjectNode executors = root.putObject("deploymentSpec").putObject("executors");
        for (Task t : plan.tasks()) {
            String n = names.get(t.id());
            ObjectNode comp = components.putObject("comp-" + n);
            comp.put("executorLabel", "exec-" + n);
            comp.putObject("inputDefinitions").putObject("parameters").putObject("env").put("parameterType", "STRING");
            ObjectNode c = executors.putObject("exec-" + n).putObject("container");
            var cmd = plan.command(t, "{{$.pipeline_job_name}}", "{{$.inputs.parameters['env']}}");
            ArrayNode args = c.putArray("args");
            cmd.subList(1, cmd.size()).forEach(args::add);
            c.putArray("command").add(cmd.get(0));
            c.put("image", t.image());
            if (t.settings().cpu().isPresent() || t.settings().memory().isPresent()) {
                // ResourceSpec as kfp writes it: CPU in cores, memory in gigabytes (10^9 bytes), limits = requests
                ObjectNode res = c.putObject("resources");
                t.settings().cpu().ifPresent(v -> res.put("cpuLimit", cores(v)).put("cpuRequest", cores(v)));
                t.settings().memory().ifPresent(v -> res.put("memoryLimit", gigabytes(v))
                        .put("memoryRequest", gigabytes(v)));
            }
        }
        root.putObject("pipelineInfo").put("name", pipelineName)
                .put("description", plan.stamp(name()));
        ObjectNode rootSpec = root.putObject("root");
        ObjectNode tasks = rootSpec.putObject("dag").putObject("tasks");
        for (Task t : plan.tasks()) {
            String n = names.get(t.id());
            ObjectNode task = tasks.putObject(n);
            task.putObject("cachingOptions").put("enableCache", false);
            task.putObject("componentRef").put("name", "comp-" + n);
            if (!t.dependsOn().isEmpty()) {
                ArrayNode deps = task.putArray("dependentTasks");
                t.dependsOn().forEach(d -> deps.add(names.get(d)));
            }
            task.putObject("inputs").putObject("parameters").putObject("env").put("componentInputParameter", "env");
            TaskPolicy p = t.policy();
            if (p.retries() > 0) {
                task.putObject("retryPolicy").put("backoffDuration", protoDuration(p.backoff()))
                        .put("backoffFactor", BigDecimal.valueOf(p.factor()))
                        .put("backoffMaxDuration", protoDuration(p.maxBackoff()))
                        .put("maxRetryCount", p.retries());
            }
            task.putObject("taskInfo").put("name", n);
        }
        rootSpec.putObject("inputDefinitions").putObject("parameters").putObject("env")
                .put("defaultValue", plan.env()).put("isOptional", true).put("parameterType", "STRING");
        root.put("schemaVersion", "2.1.0");
        root.put("sdkVersion", "kfp-2.7.0");
        String text = "# PIPELINE DEFINITION\n# Name: " + pipelineName + "\n# " + plan.stamp(name()) + "\n"
                + "# Upload: kfp pipeline create -p " + pipelineName + " " + FILE
                + " (Vertex AI: PipelineJob(template_path=\"" + FILE + "\"))\n" + Formats.yaml(root);
        return new ExportFiles(name(), plan.structureHash(), new TreeMap<>(Map.of(FILE, text)));
    }

    /** Kubernetes CPU ({@code 500m}, {@code 2}) in cores. */
    static BigDecimal cores(String cpu) {
        return (cpu.endsWith("m") ? new BigDecimal(cpu.substring(0, cpu.length() - 1)).movePointLeft(3)
                : new BigDecimal(cpu)).stripTrailingZeros();
    }

    /** Kubernetes memory ({@code 1Gi}, {@code 512Mi}, {@code 2G}) in gigabytes (10^9 bytes), as kfp converts it. */
    static BigDecimal gigabytes(String memory) {
        BigDecimal mib = new BigDecimal(AwsTarget.mebibytes(memory));
        return mib.multiply(BigDecimal.valueOf(1048576)).movePointLeft(9).stripTrailingZeros();
    }

    /** A protobuf JSON duration: seconds with an {@code s}, fractions as needed ({@code 0.200s}). */
    private static String protoDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s"
                : BigDecimal.valueOf(d.toMillis()).movePointLeft(3).toPlainString() + "s";
    }
}
