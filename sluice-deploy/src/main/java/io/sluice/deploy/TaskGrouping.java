package io.sluice.deploy;

import io.sluice.group.GroupStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of {@code sluice run --group G} that make a task group a pipeline as the export did,
 * when that is not how the deploy config groups it: {@code --group-by S} with its refinements
 * ({@code --tag-prefix}, {@code --rest}, {@code --target-groups}, {@code --max-cost},
 * {@code --cost-tag}), the same spelling as {@code sluice groups --by}.
 */
final class TaskGrouping {
    private TaskGrouping() {
    }

    /** The run options selecting {@code strategy}; none for null (the tasks group by their deploy config). */
    static List<String> args(GroupStrategy strategy) {
        List<String> out = new ArrayList<>();
        if (strategy == null) {
            return out;
        }
        GroupStrategy base = strategy instanceof GroupStrategy.Merged m ? m.base() : strategy;
        out.add("--group-by");
        if (base instanceof GroupStrategy.ByTag t) {
            out.add("tag");
            out.add("--tag-prefix");
            out.add(t.prefix());
            if (t.rest() != null) {
                out.add("--rest");
                out.add(t.rest());
            }
        } else if (base instanceof GroupStrategy.Explicit) {
            out.add("deploy");
        } else if (base instanceof GroupStrategy.Merged) {
            throw new ExportException("A merge of a merge (" + strategy.describe() + ") has no sluice run options: "
                    + "merge once, with both --target-groups and --max-cost.");
        } else {
            out.add(base.describe()); // node, namespace, memory-components, persistence-cuts, branch: their names
        }
        if (strategy instanceof GroupStrategy.Merged m) {
            if (m.targetCount() > 0) {
                out.add("--target-groups");
                out.add(String.valueOf(m.targetCount()));
            }
            if (m.maxCost() > 0) {
                out.add("--max-cost");
                out.add(String.valueOf(m.maxCost()));
            }
            if (m.costTagPrefix() != null) {
                out.add("--cost-tag");
                out.add(m.costTagPrefix());
            }
        }
        return List.copyOf(out);
    }
}
