package io.sluice.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exported deployment files read back as their orchestrator would run them: the tasks in an order
 * their dependencies allow, each with the command its container runs once the platform's
 * variables are substituted. What an orchestrator simulation runs as processes, one per task. Two
 * readers: {@link #readArgo} (an Argo workflow's DAG) and {@link #readStepFunctions} (an AWS Step
 * Functions state machine over Batch job definitions).
 *
 * @param tasks the tasks, each after all its dependencies (ties in file order)
 */
public record ExportedDag(List<DagTask> tasks) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public ExportedDag {
        tasks = List.copyOf(tasks);
    }

    /**
     * One task.
     *
     * @param name         the task's name on the platform (an Argo DAG task, a Step Functions state)
     * @param group        the Sluice group id it runs (as the file annotates or tags it)
     * @param dependencies the names of the tasks it waits for
     * @param command      the container's command and arguments, variables substituted
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
    public static ExportedDag readArgo(String yaml, String workflowName, Map<String, String> overrides) {
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
        List<DagTask> tasks = new ArrayList<>();
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
            tasks.add(new DagTask(t.path("name").asText(), group, deps, cmd));
        }
        return ordered(tasks);
    }

    /**
     * Reads the files of {@code sluice export aws} ({@code state-machine.asl.json} and the job
     * definitions it submits) as an execution named {@code executionName} runs them: the states
     * from {@code StartAt} along {@code Next}, the branches of a {@code Parallel} state side by
     * side, every task waiting for the tasks of the states before its own. A task's command is its
     * job definition's, with Batch's {@code Ref::X} placeholders taken from the task's
     * {@code Parameters} over the definition's default parameters, and {@code $$.Execution.Name}
     * being {@code executionName}.
     *
     * @param files the exported files by relative path
     * @throws IllegalArgumentException for a state machine that export does not write (other state
     *                                  types, a missing job definition, another JSONPath)
     */
    public static ExportedDag readStepFunctions(Map<String, String> files, String executionName) {
        JsonNode machine = json(files, AwsTarget.STATE_MACHINE);
        List<DagTask> tasks = new ArrayList<>();
        walk(machine, files, executionName, List.of(), tasks);
        return ordered(tasks);
    }

    /** Runs the states of {@code machine} (or of a branch) after {@code before}; returns the tasks they ran. */
    private static List<String> walk(JsonNode machine, Map<String, String> files, String executionName,
                                     List<String> before, List<DagTask> out) {
        JsonNode states = machine.path("States");
        String name = machine.path("StartAt").asText();
        List<String> done = new ArrayList<>(before);
        Set<String> seen = new LinkedHashSet<>();
        while (true) {
            JsonNode state = states.get(name);
            if (state == null) {
                throw new IllegalArgumentException("no state '" + name + "'");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException("the states loop at '" + name + "'");
            }
            List<String> ran = new ArrayList<>();
            switch (state.path("Type").asText()) {
                case "Task" -> {
                    out.add(batchTask(name, state, files, executionName, done));
                    ran.add(name);
                }
                case "Parallel" -> {
                    for (JsonNode branch : state.path("Branches")) {
                        ran.addAll(walk(branch, files, executionName, done, out).stream()
                                .filter(t -> !done.contains(t)).toList());
                    }
                }
                default -> throw new IllegalArgumentException("state '" + name + "' is a " + state.path("Type").asText()
                        + " state: sluice export aws writes Task and Parallel states only");
            }
            done.addAll(ran);
            if (state.path("End").asBoolean(false)) {
                return done;
            }
            name = state.path("Next").asText();
        }
    }

    private static DagTask batchTask(String name, JsonNode state, Map<String, String> files, String executionName,
                                     List<String> before) {
        if (!AwsTarget.SUBMIT_JOB.equals(state.path("Resource").asText())) {
            throw new IllegalArgumentException("state '" + name + "' does not submit a Batch job");
        }
        JsonNode params = state.path("Parameters");
        String definition = params.path("JobDefinition").asText();
        JsonNode def = json(files, AwsTarget.JOB_DEFINITIONS + definition + ".json");
        Map<String, String> values = new HashMap<>();
        def.path("parameters").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        params.path("Parameters").fields().forEachRemaining(e -> {
            if (!e.getKey().endsWith(".$")) {
                values.put(e.getKey(), e.getValue().asText());
            } else if (e.getValue().asText().equals("$$.Execution.Name")) {
                values.put(e.getKey().substring(0, e.getKey().length() - 2), executionName);
            } else {
                throw new IllegalArgumentException("state '" + name + "': parameter " + e.getKey() + " reads "
                        + e.getValue().asText() + ", which a simulation cannot know");
            }
        });
        List<String> cmd = new ArrayList<>();
        for (JsonNode c : def.path("containerProperties").path("command")) {
            String word = c.asText();
            for (Map.Entry<String, String> v : values.entrySet()) {
                word = word.replace("Ref::" + v.getKey(), v.getValue());
            }
            cmd.add(word);
        }
        return new DagTask(name, def.path("tags").path("sluice:group").asText(), before, cmd);
    }

    private static JsonNode json(Map<String, String> files, String path) {
        String text = files.get(path);
        if (text == null) {
            throw new IllegalArgumentException("no file " + path + " among " + files.keySet());
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The tasks, each after its dependencies, ties in the given order. */
    private static ExportedDag ordered(List<DagTask> tasks) {
        Map<String, DagTask> byName = new LinkedHashMap<>();
        tasks.forEach(t -> byName.put(t.name(), t));
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
        return new ExportedDag(order);
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
