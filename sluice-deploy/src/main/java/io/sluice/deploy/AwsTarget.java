package io.sluice.deploy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS: one Batch job definition per group ({@code job-definitions/NAME.json}, for
 * {@code aws batch register-job-definition --cli-input-json}) and a Step Functions state machine
 * ({@code state-machine.asl.json}) running the groups layer by layer: the groups of a layer (all
 * their dependencies in earlier layers) in a {@code Parallel} state, each a
 * {@code batch:submitJob.sync} task. The run id is the execution's name
 * ({@code $$.Execution.Name}), passed to the job as the Batch parameter {@code runId}.
 */
final class AwsTarget implements Target {
    static final String STATE_MACHINE = "state-machine.asl.json";
    static final String JOB_DEFINITIONS = "job-definitions/";
    static final String SUBMIT_JOB = "arn:aws:states:::batch:submitJob.sync";
    private final TargetOptions options;

    AwsTarget(TargetOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "aws";
    }

    @Override
    public ExportFiles render(DeployPlan plan) {
        List<String> ids = plan.tasks().stream().map(Task::id).toList();
        String prefix = "sluice-" + Names.awsName(plan.pipeline().replaceAll("^_+|_+$", "")) + "-";
        Map<String, String> jobNames = Names.unique(ids, Names::awsName, 128 - prefix.length(), "-");
        Map<String, String> stateNames = Names.unique(ids, id -> id, 80, "-");
        Map<String, String> files = new TreeMap<>();
        for (Task t : plan.tasks()) {
            String def = prefix + jobNames.get(t.id());
            files.put(JOB_DEFINITIONS + def + ".json", Formats.json(jobDefinition(plan, t, def)));
        }
        files.put(STATE_MACHINE, Formats.json(stateMachine(plan, prefix, jobNames, stateNames)));
        return new ExportFiles(name(), plan.structureHash(), new TreeMap<>(files));
    }

    private static ObjectNode jobDefinition(DeployPlan plan, Task t, String def) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("jobDefinitionName", def);
        o.put("type", "container");
        o.putObject("parameters").put("runId", "unset").put("env", plan.env());
        ObjectNode c = o.putObject("containerProperties");
        c.put("image", t.image());
        ArrayNode cmd = c.putArray("command");
        plan.command(t, "Ref::runId", "Ref::env").forEach(cmd::add);
        ArrayNode res = c.putArray("resourceRequirements");
        res.addObject().put("type", "VCPU").put("value", vcpus(t.settings().cpu().orElse("1")));
        res.addObject().put("type", "MEMORY").put("value", mebibytes(t.settings().memory().orElse("2Gi")));
        o.putObject("retryStrategy").put("attempts", Math.min(10, t.policy().retries() + 1));
        t.policy().deadline().ifPresent(d -> o.putObject("timeout")
                .put("attemptDurationSeconds", Math.max(60, Formats.seconds(d))));
        ObjectNode tags = o.putObject("tags").put("sluice:structure-hash", plan.structureHash())
                .put("sluice:pipeline", plan.pipeline()).put("sluice:group", t.id());
        // SageMaker-style model outputs: which of the task's outputs are models, which data (tag values allow
        // letters, digits, spaces and + - = . _ : / @, up to 256 characters)
        tagList(tags, "sluice:models", t.artifacts("model"));
        tagList(tags, "sluice:metrics", t.artifacts("metrics"));
        tagList(tags, "sluice:datasets", t.artifacts("dataset"));
        o.put("propagateTags", true);
        return o;
    }

    private ObjectNode stateMachine(DeployPlan plan, String prefix, Map<String, String> jobNames,
                                    Map<String, String> stateNames) {
        Map<String, Integer> layerOf = plan.layers();
        List<List<Task>> layers = new ArrayList<>();
        for (Task t : plan.tasks()) {
            int l = layerOf.get(t.id());
            while (layers.size() <= l) {
                layers.add(new ArrayList<>());
            }
            layers.get(l).add(t);
        }
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("Comment", plan.stamp(name()));
        ObjectNode states = f.objectNode();
        List<String> layerNames = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            List<Task> layer = layers.get(i);
            layerNames.add(layer.size() == 1 ? stateNames.get(layer.get(0).id()) : "Layer " + i);
        }
        root.put("StartAt", layerNames.get(0));
        for (int i = 0; i < layers.size(); i++) {
            List<Task> layer = layers.get(i);
            ObjectNode state;
            if (layer.size() == 1) {
                state = task(plan, layer.get(0), prefix, jobNames);
            } else {
                state = f.objectNode();
                state.put("Type", "Parallel");
                state.put("Comment", "Groups whose dependencies ran: " + String.join(", ",
                        layer.stream().map(Task::id).toList()));
                ArrayNode branches = state.putArray("Branches");
                for (Task t : layer) {
                    ObjectNode b = branches.addObject();
                    b.put("StartAt", stateNames.get(t.id()));
                    b.putObject("States").set(stateNames.get(t.id()), task(plan, t, prefix, jobNames).put("End", true));
                }
                state.putNull("ResultPath");
            }
            if (i + 1 < layers.size()) {
                state.put("Next", layerNames.get(i + 1));
            } else {
                state.put("End", true);
            }
            states.set(layerNames.get(i), state);
        }
        root.set("States", states);
        return root;
    }

    private ObjectNode task(DeployPlan plan, Task t, String prefix, Map<String, String> jobNames) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("Type", "Task");
        s.put("Comment", "Group " + t.id() + ": " + String.join(", ", t.nodes()));
        s.put("Resource", SUBMIT_JOB);
        ObjectNode p = s.putObject("Parameters");
        p.put("JobName", jobNames.get(t.id()));
        p.put("JobQueue", options.awsJobQueue());
        p.put("JobDefinition", prefix + jobNames.get(t.id()));
        p.putObject("Parameters").put("runId.$", "$$.Execution.Name").put("env", plan.env());
        s.putNull("ResultPath");
        return s;
    }

    /** Names joined by spaces as an AWS tag value: at most 256 characters, {@code +N} for the names left out. */
    static void tagList(ObjectNode tags, String key, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).replaceAll("[^A-Za-z0-9 +=._:/@-]", "_");
            String more = i + 1 < names.size() ? " +" + (names.size() - i - 1) : "";
            if (v.length() + 1 + name.length() + more.length() > 256) {
                v.append(v.length() == 0 ? "" : " ").append('+').append(names.size() - i);
                break;
            }
            v.append(v.length() == 0 ? "" : " ").append(name);
        }
        tags.put(key, v.toString());
    }

    /** Kubernetes CPU ({@code 500m}, {@code 2}) as whole Batch vCPUs, rounded up, at least 1. */
    static String vcpus(String cpu) {
        BigDecimal v = cpu.endsWith("m") ? new BigDecimal(cpu.substring(0, cpu.length() - 1)).movePointLeft(3)
                : new BigDecimal(cpu);
        return v.setScale(0, RoundingMode.CEILING).max(BigDecimal.ONE).toPlainString();
    }

    /** Kubernetes memory ({@code 512Mi}, {@code 4Gi}, {@code 1G}, bytes) in MiB, rounded up. */
    static String mebibytes(String memory) {
        String m = memory.trim();
        String[][] units = {{"Ki", "1024"}, {"Mi", "1048576"}, {"Gi", "1073741824"}, {"Ti", "1099511627776"},
                {"k", "1000"}, {"K", "1000"}, {"M", "1000000"}, {"G", "1000000000"}, {"T", "1000000000000"}};
        BigDecimal bytes = null;
        for (String[] u : units) {
            if (m.endsWith(u[0])) {
                bytes = new BigDecimal(m.substring(0, m.length() - u[0].length())).multiply(new BigDecimal(u[1]));
                break;
            }
        }
        if (bytes == null) {
            bytes = new BigDecimal(m.toLowerCase(Locale.ROOT));
        }
        return bytes.divide(new BigDecimal(1048576), 0, RoundingMode.CEILING).toPlainString();
    }
}
