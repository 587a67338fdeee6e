package io.sluice.pipeline;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The node selection options of {@code sluice run}, with Kedro's semantics. Each non-empty
 * option selects a set of nodes; the result is the intersection of all of them.
 *
 * @param nodeNames   exactly these nodes ({@code --nodes})
 * @param fromNodes   these nodes and everything downstream of them ({@code --from-nodes})
 * @param toNodes     these nodes and everything upstream of them ({@code --to-nodes})
 * @param fromInputs  nodes that depend, directly or not, on these datasets ({@code --from-inputs})
 * @param toOutputs   nodes needed to produce these datasets ({@code --to-outputs})
 * @param tags        nodes having any of these tags ({@code --tags})
 * @param namespaces  nodes in these namespaces, exactly or as a dotted prefix ({@code --namespaces})
 */
public record PipelineFilter(Set<String> nodeNames, Set<String> fromNodes, Set<String> toNodes,
                             Set<String> fromInputs, Set<String> toOutputs, Set<String> tags,
                             Set<String> namespaces) {

    /** Selects every node. */
    public static final PipelineFilter NONE = new PipelineFilter(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
            Set.of(), Set.of());

    public PipelineFilter {
        nodeNames = copy(nodeNames);
        fromNodes = copy(fromNodes);
        toNodes = copy(toNodes);
        fromInputs = copy(fromInputs);
        toOutputs = copy(toOutputs);
        tags = copy(tags);
        namespaces = copy(namespaces);
    }

    private static Set<String> copy(Set<String> s) {
        return s == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(s));
    }

    // Written out: a record's generated equals and hashCode are bootstrapped (classes spun) on
    // first call in every fresh JVM, and a run looks its plan up by a key holding this filter.
    @Override
    public boolean equals(Object o) {
        return o instanceof PipelineFilter f && nodeNames.equals(f.nodeNames) && fromNodes.equals(f.fromNodes)
                && toNodes.equals(f.toNodes) && fromInputs.equals(f.fromInputs) && toOutputs.equals(f.toOutputs)
                && tags.equals(f.tags) && namespaces.equals(f.namespaces);
    }

    @Override
    public int hashCode() {
        int h = nodeNames.hashCode();
        h = 31 * h + fromNodes.hashCode();
        h = 31 * h + toNodes.hashCode();
        h = 31 * h + fromInputs.hashCode();
        h = 31 * h + toOutputs.hashCode();
        h = 31 * h + tags.hashCode();
        return 31 * h + namespaces.hashCode();
    }

    /** Whether no option is set. */
    public boolean isEmpty() {
        return nodeNames.isEmpty() && fromNodes.isEmpty() && toNodes.isEmpty() && fromInputs.isEmpty()
                && toOutputs.isEmpty() && tags.isEmpty() && namespaces.isEmpty();
    }

    public PipelineFilter withNodeNames(Set<String> v) {
        return new PipelineFilter(v, fromNodes, toNodes, fromInputs, toOutputs, tags, namespaces);
    }

    public PipelineFilter withFromNodes(Set<String> v) {
        return new PipelineFilter(nodeNames, v, toNodes, fromInputs, toOutputs, tags, namespaces);
    }

    public PipelineFilter withToNodes(Set<String> v) {
        return new PipelineFilter(nodeNames, fromNodes, v, fromInputs, toOutputs, tags, namespaces);
    }

    public PipelineFilter withFromInputs(Set<String> v) {
        return new PipelineFilter(nodeNames, fromNodes, toNodes, v, toOutputs, tags, namespaces);
    }

    public PipelineFilter withToOutputs(Set<String> v) {
        return new PipelineFilter(nodeNames, fromNodes, toNodes, fromInputs, v, tags, namespaces);
    }

    public PipelineFilter withTags(Set<String> v) {
        return new PipelineFilter(nodeNames, fromNodes, toNodes, fromInputs, toOutputs, v, namespaces);
    }

    public PipelineFilter withNamespaces(Set<String> v) {
        return new PipelineFilter(nodeNames, fromNodes, toNodes, fromInputs, toOutputs, tags, v);
    }
}
