package io.sluice.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Argo Workflows: one {@code Workflow} (or {@code WorkflowTemplate}) whose entrypoint is a DAG
 * template with one task per group, each running its group in a container template whose inputs
 * are the run id and the env. The run id is the workflow's name ({@code {{workflow.name}}}: unique
 * per submission, kept by {@code argo retry}, so a retried workflow resumes the same run); the env
 * is the workflow parameter {@code env} ({@code argo submit -p env=staging}).
 */
final class ArgoTarget implements Target {
    static final String FILE = "workflow.yaml";
    static final String HASH_ANNOTATION = "sluice.io/structure-hash";
    static final String GROUP_ANNOTATION = "sluice.io/group";
    private final TargetOptions options;

    ArgoTarget(TargetOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "argo";
    }

    @Override
    public ExportFiles render(DeployPlan plan) {
        Map<String, String> names = Names.unique(plan.tasks().stream().map(Task::id).toList(), Names::dns1123, 63,
                "-");
        JsonNodeFactory f = JsonNodeFactory.instance;
        boolean template = options.argoKind().equals("template");
        String base = Names.dns1123("sluice-" + plan.pipeline());
        ObjectNode root = f.objectNode();
        root.put("apiVersion", "argoproj.io/v1alpha1");
        root.put("kind", template ? "WorkflowTemplate" : "Workflow");
        ObjectNode meta = root.putObject("metadata");
        if (template) {
            meta.put("name", base);
        } else {
            meta.put("generateName", base + "-");
        }
        if (options.namespace() != null) {
            meta.put("namespace", options.namespace());
        }
        meta.putObject("labels").put("app.kubernetes.io/managed-by", "sluice")
                .put("sluice.io/pipeline", Names.dns1123(plan.pipeline()));
        meta.putObject("annotations").put(HASH_ANNOTATION, plan.structureHash())
                .put("sluice.io/pipeline", plan.pipeline()).put("sluice.io/grouping", plan.strategy());
        ObjectNode spec = root.putObject("spec");
        spec.put("entrypoint", "main");
        ArrayNode params = spec.putObject("arguments").putArray("parameters");
        params.addObject().put("name", "env").put("value", plan.env());
        ArrayNode templates = spec.putArray("templates");
        ObjectNode main = templates.addObject();
        main.put("name", "main");
        ArrayNode dagTasks = main.putObject("dag").putArray("tasks");
        for (Task t : plan.tasks()) {
            ObjectNode task = dagTasks.addObject();
            task.put("name", names.get(t.id()));
            task.put("template", names.get(t.id()));
            if (!t.dependsOn().isEmpty()) {
                t.dependsOn().forEach(d -> task.withArray("dependencies").add(names.get(d)));
            }
            // The run id is the workflow's name, given to each task here: Argo resolves workflow variables in
            // task arguments (in the workflow's own arguments it may not, argoproj/argo-workflows#4805).
            ArrayNode args = task.putObject("arguments").putArray("parameters");
            args.addObject().put("name", "run-id").put("value", "{{workflow.name}}");
            args.addObject().put("name", "env").put("value", "{{workflow.parameters.env}}");
        }
        for (Task t : plan.tasks()) {
            templates.add(container(plan, t, names.get(t.id())));
        }
        String text = "# " + plan.stamp(name()) + "\n"
                + "# Submit: argo submit " + FILE + (template ? " (or kubectl apply -f; then argo submit --from "
                + "workflowtemplate/" + base + ")" : "") + "\n"
                + Formats.yaml(root);
        return new ExportFiles(name(), plan.structureHash(), new TreeMap<>(Map.of(FILE, text)));
    }

    private static ObjectNode container(DeployPlan plan, Task t, String name) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode tpl = f.objectNode();
        tpl.put("name", name);
        ArrayNode inputs = tpl.putObject("inputs").putArray("parameters");
        inputs.addObject().put("name", "run-id");
        inputs.addObject().put("name", "env");
        ObjectNode annotations = tpl.putObject("metadata").putObject("annotations").put(GROUP_ANNOTATION, t.id())
                .put("sluice.io/nodes", String.join(",", t.nodes()));
        // what platforms that tell models from data read (Argo itself keeps the data in the datasets' own stores)
        if (!t.artifacts("model").isEmpty()) {
            annotations.put("sluice.io/models", String.join(",", t.artifacts("model")));
        }
        if (!t.artifacts("metrics").isEmpty()) {
            annotations.put("sluice.io/metrics", String.join(",", t.artifacts("metrics")));
        }
        if (!t.artifacts("dataset").isEmpty()) {
            annotations.put("sluice.io/datasets", String.join(",", t.artifacts("dataset")));
        }
        TaskPolicy p = t.policy();
        if (p.retries() > 0) {
            ObjectNode retry = tpl.putObject("retryStrategy");
            retry.put("limit", String.valueOf(p.retries()));
            retry.put("retryPolicy", "Always");
            retry.putObject("backoff").put("duration", Formats.goDuration(p.backoff()))
                    .put("factor", String.valueOf((long) Math.ceil(p.factor())))
                    .put("maxDuration", Formats.goDuration(p.maxBackoff()));
        }
        p.deadline().ifPresent(d -> tpl.put("activeDeadlineSeconds", Formats.seconds(d)));
        if (!t.settings().nodeSelector().isEmpty()) {
            ObjectNode sel = tpl.putObject("nodeSelector");
            t.settings().nodeSelector().forEach(sel::put);
        }
        ObjectNode c = tpl.putObject("container");
        c.put("name", "main"); // Argo's default; the Kubernetes Container schema requires a name
        c.put("image", t.image());
        var cmd = plan.command(t, "{{inputs.parameters.run-id}}", "{{inputs.parameters.env}}");
        c.putArray("command").add(cmd.get(0));
        ArrayNode args = c.putArray("args");
        cmd.subList(1, cmd.size()).forEach(args::add);
        if (t.settings().cpu().isPresent() || t.settings().memory().isPresent()) {
            ObjectNode res = c.putObject("resources");
            ObjectNode req = res.putObject("requests");
            t.settings().cpu().ifPresent(v -> req.put("cpu", v));
            t.settings().memory().ifPresent(v -> req.put("memory", v));
            t.settings().memory().ifPresent(v -> res.putObject("limits").put("memory", v));
        }
        return tpl;
    }
}
