package io.sluice.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exported Argo workflow read back as an orchestrator would run it: its DAG tasks in an order
 * their dependencies allow, each with the command its container runs once Argo's variables are
 * substituted (workflow name and parameters in the task arguments, then the template's inputs). What an orchestrator simulation runs as processes, one per task.
 *
 * @param tasks the tasks, each after all its dependencies (ties in file order)
 */
public record ArgoDag(List<DagTask> tasks) {

    public ArgoDag {
        tasks = List.copyOf(tasks);
    }

    /**
     * One DAG task.
     *
     * @param name         the task name (DNS-1123)
     * @param group        the Sluice group id it runs (its template's {@code sluice.io/group} annotation)
     * @param dependencies the names of the tasks it waits for
     * @param command      the container's command and arguments, parameters substituted
     */
    public record DagTask(String name, String group, List<String> dependencies, List<String> command) {
        public DagTask {
            dependencies = List.copyOf(dependencies);
            command = List.copyOf(command);
        }
    }

    /**
     * Reads {@code yaml} (a {@code Workflow} or {@code WorkflowTemplate} as {@code sluice export
     * argo} writes it), substituting {@code {{workflow.name}}} with {@code workflowName},
     * {@code {{workflow.parameters.X}}} with the workflow's argument X (or {@code overrides}' X, as
     * {@code argo submit -p X=...} would) and {@code {{inputs.parameters.X}}} with the task's argument X.
     *
     * @throws IllegalArgumentException when it is not such a workflow, or its DAG has a cycle or
     *                                  an unknown dependency
     */
    public static ArgoDag read(String yaml, String workflowName, Map<String, String> overrides) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not YAML: " + e.getOriginalMessage(), e);
        }
        JsonNode spec = root.path("spec");
        Map<String, String> params = new HashMap<>();
        for (JsonNode p : spec.path("arguments").path("parameters")) {
            params.put(p.path("name").asText(), p.path("value").asText());
        }
        params.putAll(overrides);
        params.replaceAll((k, v) -> v.replace("{{workflow.name}}", workflowName));
        Map<String, JsonNode> templates = new HashMap<>();
        for (JsonNode t : spec.path("templates")) {
            templates.put(t.path("name").asText(), t);
        }
        JsonNode entry = templates.get(spec.path("entrypoint").asText());
        if (entry == null || !entry.has("dag")) {
            throw new IllegalArgumentException("the entrypoint '" + spec.path("entrypoint").asText()
                    + "' is not a DAG template");
        }
        Map<String, DagTask> byName = new LinkedHashMap<>();
        for (JsonNode t : entry.path("dag").path("tasks")) {
            JsonNode tpl = templates.get(t.path("template").asText());
            if (tpl == null) {
                throw new IllegalArgumentException("task " + t.path("name").asText() + " names no template");
            }
            List<String> deps = new ArrayList<>();
            t.path("dependencies").forEach(d -> deps.add(d.asText()));
            Map<String, String> inputs = new HashMap<>();
            for (JsonNode a : t.path("arguments").path("parameters")) {
                inputs.put(a.path("name").asText(), substitute(a.path("value").asText(), workflowName, params));
            }
            List<String> cmd = new ArrayList<>();
            tpl.path("container").path("command").forEach(c -> cmd.add(fill(c.asText(), workflowName, params, inputs)));
            tpl.path("container").path("args").forEach(c -> cmd.add(fill(c.asText(), workflowName, params, inputs)));
            String group = tpl.path("metadata").path("annotations").path(ArgoTarget.GROUP_ANNOTATION).asText();
            byName.put(t.path("name").asText(), new DagTask(t.path("name").asText(), group, deps, cmd));
        }
        List<DagTask> order = new ArrayList<>();
        List<String> done = new ArrayList<>();
        while (order.size() < byName.size()) {
            DagTask next = null;
            for (DagTask t : byName.values()) {
                if (!done.contains(t.name()) && done.containsAll(t.dependencies())) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                throw new IllegalArgumentException("the DAG has a cycle or an unknown dependency among "
                        + byName.keySet().stream().filter(n -> !done.contains(n)).toList());
            }
            order.add(next);
            done.add(next.name());
        }
        return new ArgoDag(order);
    }

    private static String fill(String s, String workflowName, Map<String, String> params, Map<String, String> inputs) {
        String out = substitute(s, workflowName, params);
        for (Map.Entry<String, String> p : inputs.entrySet()) {
            out = out.replace("{{inputs.parameters." + p.getKey() + "}}", p.getValue());
        }
        return out;
    }

    private static String substitute(String s, String workflowName, Map<String, String> params) {
        String out = s.replace("{{workflow.name}}", workflowName);
        for (Map.Entry<String, String> p : params.entrySet()) {
            out = out.replace("{{workflow.parameters." + p.getKey() + "}}", p.getValue());
        }
        return out;
    }
}
