package io.sluice.group;

import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.doc.PipelineDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Groups one pipeline's nodes and checks groupings. What it needs from the catalog comes in as
 * plain data, the names of the persisted datasets, so that it works on any pipeline structure
 * without building datasets. Immutable and thread-safe; building it indexes the pipeline once
 * (linear), every strategy and check after that is linear or {@code n log n}.
 *
 * <pre>{@code
 * Grouper grouper = Grouper.of("__default__", pipeline, name -> catalog.dataset(name).isPersistent());
 * Grouping g = grouper.group(new GroupStrategy.Merged(new GroupStrategy.MemoryComponents(), 8, 0, null));
 * Grouper.check(g, Map.of()).orThrow();
 * }</pre>
 */
public final class Grouper {
    private final String pipelineName;
    private final Dag dag;

    private Grouper(String pipelineName, Dag dag) {
        this.pipelineName = pipelineName;
        this.dag = dag;
    }

    /**
     * @param pipelineName the registered name, recorded in every grouping (may be null)
     * @param pipeline     the pipeline
     * @param persisted    whether a dataset (asked once for each dataset a node produces) is
     *                     persisted; memory datasets may not cross groups
     */
    public static Grouper of(String pipelineName, Pipeline pipeline, Predicate<String> persisted) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(persisted, "persisted");
        return new Grouper(pipelineName, Dag.of(pipeline, persisted));
    }

    /**
     * A grouper over a pipeline's class-free document ({@code sluice pipelines export}): no project
     * class is needed, and datasets are persisted as the exporting catalog said
     * ({@link io.sluice.pipeline.doc.DatasetDoc#persisted()}). Groups the same as the compiled
     * pipeline the document was exported from.
     */
    public static Grouper of(PipelineDocument document) {
        Objects.requireNonNull(document, "document");
        return new Grouper(document.pipeline(), Dag.of(document));
    }

    /**
     * The grouping {@code strategy} makes. It may be invalid (see {@link #check}) except for a
     * {@link GroupStrategy.Merged}, whose base grouping must be valid.
     *
     * @throws InvalidGroupingException when a merge's base grouping is invalid, listing why
     * @throws SluiceException          naming every node whose cost tag is not a positive integer
     * @throws io.sluice.config.ConfigException when deploy.yml names what the pipeline lacks
     */
    public Grouping group(GroupStrategy strategy) {
        return GroupingBuilder.build(pipelineName, dag, assign(strategy));
    }

    /**
     * Every problem of {@code grouping}: nodes in no group or in several, cycles between groups,
     * memory datasets across groups, then what each of {@code rules} finds (named by its key).
     */
    public static GroupCheck check(Grouping grouping, Map<String, ? extends GroupRule> rules) {
        return GroupValidator.check(grouping, rules);
    }

    private Assignment assign(GroupStrategy strategy) {
        if (strategy instanceof GroupStrategy.PerNode) {
            return Strategies.perNode(dag);
        } else if (strategy instanceof GroupStrategy.ByNamespace) {
            return Strategies.byNamespace(dag);
        } else if (strategy instanceof GroupStrategy.ByTag t) {
            return Strategies.byTag(dag, t.prefix(), t.rest());
        } else if (strategy instanceof GroupStrategy.MemoryComponents) {
            return Strategies.memoryComponents(dag);
        } else if (strategy instanceof GroupStrategy.PersistenceCuts) {
            return Strategies.persistenceCuts(dag);
        } else if (strategy instanceof GroupStrategy.ByBranch) {
            return Strategies.byBranch(dag);
        } else if (strategy instanceof GroupStrategy.Explicit e) {
            return Explicit.assign(dag, e.spec());
        } else if (strategy instanceof GroupStrategy.Merged m) {
            return merge(m);
        }
        throw new IllegalStateException("unknown strategy " + strategy);
    }

    private Assignment merge(GroupStrategy.Merged m) {
        Assignment base = assign(m.base());
        if (base.isPartition() && acyclic(base)) {
            return SizeMerge.merge(dag, base, m.targetCount(), m.maxCost(), costs(m.costTagPrefix()), m.describe());
        }
        Grouping baseGrouping = GroupingBuilder.build(pipelineName, dag, base);
        List<GroupProblem> structural = new ArrayList<>();
        for (GroupProblem p : GroupValidator.check(baseGrouping, Map.of()).problems()) {
            if (!(p instanceof GroupProblem.MemoryCrossing)) {
                structural.add(p); // merging may well fix memory crossings; the rest it cannot
            }
        }
        throw new InvalidGroupingException("Cannot merge the groups of " + m.base().describe() + ": "
                + new GroupCheck(structural).describe(), structural);
    }

    /** Whether the group graph of a partition has no cycle (every strongly connected component is one group). */
    private boolean acyclic(Assignment a) {
        int[][] succ = Condensation.successors(dag, a.primary(), a.keys().size());
        int[] comp = Scc.of(succ);
        boolean[] seen = new boolean[succ.length];
        for (int c : comp) {
            if (seen[c]) {
                return false;
            }
            seen[c] = true;
        }
        return true;
    }

    private long[] costs(String prefix) {
        long[] cost = new long[dag.size()];
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < cost.length; i++) {
            cost[i] = 1;
            if (prefix == null) {
                continue;
            }
            for (String tag : dag.nodes[i].tags()) {
                if (tag.startsWith(prefix)) {
                    try {
                        cost[i] = Long.parseLong(tag.substring(prefix.length()));
                    } catch (NumberFormatException e) {
                        cost[i] = -1;
                    }
                    if (cost[i] <= 0) {
                        bad.add("'" + dag.names[i] + "' (" + tag + ")");
                    }
                }
            }
        }
        if (!bad.isEmpty()) {
            throw new SluiceException("Cost tags must be " + prefix + "N with N a positive integer; these nodes' are "
                    + "not: " + String.join(", ", bad) + ". Fix the tags, e.g. " + prefix + "5.");
        }
        return cost;
    }
}
