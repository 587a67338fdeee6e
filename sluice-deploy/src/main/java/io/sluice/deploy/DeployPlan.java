package io.sluice.deploy;

import io.sluice.group.Group;
import io.sluice.group.GroupDependency;
import io.sluice.group.GroupRule;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.runner.RunPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What every target renders: the tasks of a validated grouping in dependency order, each with its
 * image, settings and policy, and the command every task runs. Class-free (built from a
 * {@link PipelineDocument} and a {@link Grouping}) and immutable.
 *
 * @param pipeline      the registered pipeline name
 * @param structureHash the pipeline's structure hash, stamped into every exported file
 * @param strategy      how the groups were made, e.g. {@code memory-components}
 * @param env           the config environment the tasks run with
 * @param image         the default container image
 * @param runner        the runner entry the tasks run with, or null for the default one
 * @param tasks         the tasks in a dependency order (a task after every task it depends on;
 *                      ties in the grouping's order)
 * @param groupArgs     the options each task's {@code sluice run --group G} needs to group as this
 *                      plan does ({@code --group-by S ...}); empty when the tasks' deploy config
 *                      groups that way already
 */
public record DeployPlan(String pipeline, String structureHash, String strategy, String env, String image,
                         String runner, List<Task> tasks, List<String> groupArgs) {

    public DeployPlan {
        tasks = List.copyOf(tasks);
        groupArgs = List.copyOf(groupArgs);
    }

    /**
     * Validates then plans. The grouping is checked first (with the project's {@code rules}):
     * an invalid one is an error and nothing is planned.
     *
     * @param document the exported pipeline
     * @param grouping its grouping
     * @param rules    the project's group rules (hooks), by name
     * @param policy   the runner entry's retries and timeouts
     * @param settings the tasks of deploy.yml
     * @param env      the config environment (required)
     * @param image    the container image (required)
     * @param runner   the runner entry to pass to the tasks, or null for the default
     * @throws io.sluice.group.InvalidGroupingException listing every problem of the grouping
     * @throws ExportException when the image is missing or the grouping is of another pipeline
     * @throws io.sluice.config.ConfigException when deploy.yml's tasks name no group
     */
    public static DeployPlan of(PipelineDocument document, Grouping grouping, Map<String, ? extends GroupRule> rules,
                                RunPolicy policy, DeploySettings settings, String env, String image,
                                String runner) {
        return of(document, grouping, rules, policy, settings, env, image, runner, null);
    }

    /**
     * As {@link #of(PipelineDocument, Grouping, Map, RunPolicy, DeploySettings, String, String, String)},
     * for a grouping the tasks' deploy config does not give: every task command carries
     * {@code carried} ({@code sluice run --group G --group-by S ...}), so each task groups as the
     * export did.
     *
     * @param carried the strategy {@code grouping} was made with, or null when the tasks' deploy
     *                config groups that way
     */
    public static DeployPlan of(PipelineDocument document, Grouping grouping, Map<String, ? extends GroupRule> rules,
                                RunPolicy policy, DeploySettings settings, String env, String image,
                                String runner, GroupStrategy carried) {
        if (carried != null && !carried.describe().equals(grouping.strategy())) {
            throw new ExportException("The grouping was made by " + grouping.strategy() + ", not by "
                    + carried.describe() + ": carry the strategy the grouping was made with.");
        }
        if (image == null || image.isBlank()) {
            throw new ExportException("Missing --image IMAGE: the container image every task runs (built from the "
                    + "project, e.g. with sluice export docker), e.g. --image registry.example.com/shop:1.4.2.");
        }
        if (env == null || env.isBlank()) {
            throw new ExportException("Missing the config environment (--env) the tasks run with.");
        }
        if (grouping.pipeline() != null && !grouping.pipeline().equals(document.pipeline())) {
            throw new ExportException("The grouping is of pipeline '" + grouping.pipeline() + "', the document of '"
                    + document.pipeline() + "': group the exported pipeline.");
        }
        Grouper.check(grouping, rules).orThrow();
        settings.checkGroups(grouping.groupIds());
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (Group g : grouping.groups()) {
            deps.put(g.id(), new ArrayList<>());
        }
        for (GroupDependency d : grouping.dependencies()) {
            if (!deps.get(d.to()).contains(d.from())) {
                deps.get(d.to()).add(d.from());
            }
        }
        List<String> order = topological(grouping.groupIds(), deps);
        List<Task> tasks = new ArrayList<>();
        for (String id : order) {
            Group g = grouping.group(id);
            List<NodeDoc> nodes = g.nodes().stream().map(document::node).toList();
            if (nodes.contains(null)) {
                throw new ExportException("Group '" + id + "' names nodes the pipeline document lacks: the grouping "
                        + "and the document must come from the same pipeline.");
            }
            TaskSettings s = settings.forGroup(id);
            List<String> dependsOn = order.stream().filter(deps.get(id)::contains).toList();
            tasks.add(new Task(id, g.nodes(), dependsOn, s.image().orElse(image), s,
                    TaskPolicy.of(nodes, policy, s), artifacts(document, nodes)));
        }
        return new DeployPlan(document.pipeline(), document.structureHash(), grouping.strategy(), env, image, runner,
                tasks, TaskGrouping.args(carried));
    }

    /**
     * The persisted outputs of {@code nodes}: {@code model} for a model, {@code metrics} for a
     * run's metrics, {@code dataset} for other data.
     */
    private static List<Task.Artifact> artifacts(PipelineDocument document, List<NodeDoc> nodes) {
        List<Task.Artifact> out = new ArrayList<>();
        for (NodeDoc n : nodes) {
            for (String o : n.outputs()) {
                DatasetDoc d = document.dataset(o);
                if (d != null && d.persisted()) {
                    out.add(new Task.Artifact(o, switch (d.artifactKind()) {
                        case "model", "metrics" -> d.artifactKind();
                        default -> "dataset";
                    }));
                }
            }
        }
        return out;
    }

    /** Kahn's algorithm, the earliest ready group (in grouping order) first. */
    private static List<String> topological(List<String> ids, Map<String, List<String>> deps) {
        List<String> out = new ArrayList<>();
        TreeSet<Integer> ready = new TreeSet<>();
        int[] missing = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            missing[i] = deps.get(ids.get(i)).size();
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int i = ready.pollFirst();
            out.add(ids.get(i));
            for (int j = 0; j < ids.size(); j++) {
                if (deps.get(ids.get(j)).contains(ids.get(i)) && --missing[j] == 0) {
                    ready.add(j);
                }
            }
        }
        if (out.size() != ids.size()) {
            throw new IllegalStateException("the group graph has a cycle, which validation rejects");
        }
        return out;
    }

    /** The task with that group id, or null. */
    public Task task(String id) {
        return tasks.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }

    /**
     * The group-run command of {@code task}: {@code sluice run --pipeline P --group G --run-id R
     * --env E} (then the grouping options, and {@code --runner} when one was chosen), with R and E as the platform writes its
     * run id and environment (a template expression, a parameter reference).
     */
    public List<String> command(Task task, String runId, String envValue) {
        List<String> c = new ArrayList<>(List.of("sluice", "run", "--pipeline", pipeline, "--group", task.id(),
                "--run-id", runId, "--env", envValue));
        c.addAll(groupArgs);
        if (runner != null) {
            c.add("--runner");
            c.add(runner);
        }
        return List.copyOf(c);
    }

    /** The depth of each task: 0 without dependencies, else one more than its deepest dependency. */
    public Map<String, Integer> layers() {
        Map<String, Integer> layer = new LinkedHashMap<>();
        for (Task t : tasks) {
            int l = 0;
            for (String d : t.dependsOn()) {
                l = Math.max(l, layer.get(d) + 1);
            }
            layer.put(t.id(), l);
        }
        return layer;
    }

    /** The one-line stamp every exported file carries (as a comment, annotation, tag or label). */
    public String stamp(String target) {
        return "Generated by sluice export " + target + " from pipeline " + pipeline + " (grouped by " + strategy
                + "), structure hash " + structureHash + ". Do not edit: re-export.";
    }
}
