package io.sluice.pipeline;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Filters on a small known DAG. Expected node lists are worked out by hand: the nodes each
 * filter selects, in the execution order of the selected sub-pipeline (Kahn layers, ties by name).
 *
 * <pre>
 *   raw -> load -> x -> clean  -> y -\
 *                   \-> enrich -> z --> join -> w -> train (+params:alpha) -> model
 *          params:k -/                           \-> reporting.plot -> chart -> reporting.daily.mail -> email
 *   logs -> audit -> audit_report
 * </pre>
 */
class PipelineFilterTest {

    private static final Pipeline DAG = Pipeline.of(
            node(Funcs::id).inputs("raw").outputs("x").name("load").tags("ingest"),
            node(Funcs::id).inputs("x").outputs("y").name("clean").tags("prep"),
            node(Funcs::concat).inputs("x", "params:k").outputs("z").name("enrich").tags("prep"),
            node(Funcs::concat).inputs("y", "z").outputs("w").name("join").tags("model"),
            node(Funcs::concat).inputs("w", "params:alpha").outputs("model").name("train").tags("model"),
            node(Funcs::id).inputs("w").outputs("chart").name("plot").namespace("reporting"),
            node(Funcs::id).inputs("chart").outputs("email").name("mail").namespace("reporting.daily"),
            node(Funcs::id).inputs("logs").outputs("audit_report").name("audit").tags("ingest"));

    private static List<String> names(Pipeline p) {
        return p.nodes().stream().map(Node::name).toList();
    }

    @Test
    void fullOrder() {
        assertThat(names(DAG)).containsExactly("audit", "load", "clean", "enrich", "join", "reporting.plot", "train",
                "reporting.daily.mail");
    }

    @Test
    void onlyNodesKeepsExactlyThoseAndResortsThem() {
        assertThat(names(DAG.onlyNodes("load", "join"))).containsExactly("join", "load");
    }

    @Test
    void onlyNodesRejectsUnknownNamesWithSuggestions() {
        assertThatThrownBy(() -> DAG.onlyNodes("nope", "lod", "load"))
                .isInstanceOf(UnknownNodeException.class)
                .hasMessage("Pipeline does not contain nodes named [lod, nope]. Did you mean: [load]?");
    }

    @Test
    void onlyNodesSuggestsTheNamespacedName() {
        assertThatThrownBy(() -> DAG.onlyNodes("plot"))
                .isInstanceOf(UnknownNodeException.class)
                .hasMessage("Pipeline does not contain nodes named [plot]. Did you mean: [reporting.plot]?");
    }

    @Test
    void fromNodesAddsDescendants() {
        assertThat(names(DAG.fromNodes("clean"))).containsExactly("clean", "join", "reporting.plot", "train",
                "reporting.daily.mail");
    }

    @Test
    void toNodesAddsAncestors() {
        assertThat(names(DAG.toNodes("join"))).containsExactly("load", "clean", "enrich", "join");
    }

    @Test
    void fromInputsFollowsConsumersTransitively() {
        assertThat(names(DAG.fromInputs("y"))).containsExactly("join", "reporting.plot", "train",
                "reporting.daily.mail");
    }

    @Test
    void fromInputsAcceptsParameters() {
        assertThat(names(DAG.fromInputs("params:k"))).containsExactly("enrich", "join", "reporting.plot", "train",
                "reporting.daily.mail");
    }

    @Test
    void fromInputsOfAFreeOutputSelectsNothing() {
        assertThat(DAG.fromInputs("email").isEmpty()).isTrue();
    }

    @Test
    void fromInputsRejectsUnknownDatasets() {
        assertThatThrownBy(() -> DAG.fromInputs("chrt"))
                .isInstanceOf(UnknownDatasetException.class)
                .hasMessage("Pipeline does not contain datasets named [chrt]. Did you mean: [chart]?");
    }

    @Test
    void toOutputsSelectsProducerAndAncestors() {
        assertThat(names(DAG.toOutputs("chart"))).containsExactly("load", "clean", "enrich", "join",
                "reporting.plot");
    }

    @Test
    void toOutputsOfSeveralDatasets() {
        assertThat(names(DAG.toOutputs("y", "audit_report"))).containsExactly("audit", "load", "clean");
    }

    @Test
    void toOutputsOfAFreeInputSelectsNothing() {
        assertThat(DAG.toOutputs("raw").isEmpty()).isTrue();
    }

    @Test
    void toOutputsRejectsUnknownDatasets() {
        assertThatThrownBy(() -> DAG.toOutputs("nope"))
                .isInstanceOf(UnknownDatasetException.class)
                .hasMessage("Pipeline does not contain datasets named [nope].");
    }

    @Test
    void tagsSelectNodesWithAnyOfThem() {
        assertThat(names(DAG.onlyNodesWithTags("ingest"))).containsExactly("audit", "load");
        assertThat(names(DAG.onlyNodesWithTags("prep", "model"))).containsExactly("clean", "enrich", "join", "train");
    }

    @Test
    void namespaceSelectsItselfAndNestedNamespaces() {
        assertThat(names(DAG.onlyNodesWithNamespaces("reporting"))).containsExactly("reporting.plot",
                "reporting.daily.mail");
        assertThat(names(DAG.onlyNodesWithNamespaces("reporting.daily"))).containsExactly("reporting.daily.mail");
    }

    @Test
    void namespaceIsNotAMerePrefixOfCharacters() {
        assertThatThrownBy(() -> DAG.onlyNodesWithNamespaces("report"))
                .isInstanceOf(UnknownNamespaceException.class)
                .hasMessageStartingWith("Pipeline does not contain nodes with the following namespaces: [report].");
    }

    @Test
    void aNamespaceMatchingNothingFailsEvenWhenOthersMatchAsInKedro() {
        PipelineFilter f = PipelineFilter.NONE.withNamespaces(Set.of("reporting", "reportng", "ingest"));
        assertThatThrownBy(() -> DAG.filter(f))
                .isInstanceOf(UnknownNamespaceException.class)
                .hasMessage("Pipeline does not contain nodes with the following namespaces: [ingest, reportng]. "
                        + "Namespaces in this pipeline: [reporting, reporting.daily]. Did you mean: [reporting]?");
        assertThatThrownBy(() -> DAG.onlyNodesWithNamespaces("reporting", "ingest"))
                .isInstanceOf(UnknownNamespaceException.class)
                .hasMessageContaining("following namespaces: [ingest]");
    }

    @Test
    void filterIntersectsOptions() {
        PipelineFilter f = PipelineFilter.NONE.withFromNodes(Set.of("clean")).withTags(Set.of("model"));
        assertThat(names(DAG.filter(f))).containsExactly("join", "train");
    }

    @Test
    void filterIntersectsToNodesAndFromInputs() {
        PipelineFilter f = PipelineFilter.NONE.withToNodes(Set.of("join")).withFromInputs(Set.of("x"));
        assertThat(names(DAG.filter(f))).containsExactly("clean", "enrich", "join");
    }

    @Test
    void emptyFilterReturnsThePipeline() {
        assertThat(DAG.filter(PipelineFilter.NONE)).isSameAs(DAG);
    }

    @Test
    void filterNamesTheOptionThatMatchesNothing() {
        PipelineFilter f = PipelineFilter.NONE.withFromNodes(Set.of("clean")).withTags(Set.of("nope"));
        assertThatThrownBy(() -> DAG.filter(f))
                .isInstanceOf(EmptyPipelineException.class)
                .hasMessage("No node matches --tags=[nope]. Tags in this pipeline: [ingest, model, prep].");
    }

    @Test
    void filterNamesAnEmptyNamespaceOption() {
        PipelineFilter f = PipelineFilter.NONE.withNamespaces(Set.of("report"));
        assertThatThrownBy(() -> DAG.filter(f))
                .isInstanceOf(UnknownNamespaceException.class)
                .hasMessage("Pipeline does not contain nodes with the following namespaces: [report]. Namespaces in"
                        + " this pipeline: [reporting, reporting.daily]. Did you mean: [reporting]?");
    }

    @Test
    void filterNamesTwoOptionsWithNothingInCommon() {
        PipelineFilter f = PipelineFilter.NONE.withFromNodes(Set.of("train")).withTags(Set.of("ingest"));
        assertThatThrownBy(() -> DAG.filter(f))
                .isInstanceOf(EmptyPipelineException.class)
                .hasMessage("--from-nodes=[train] and --tags=[ingest] select no node in common. Fix: drop or widen"
                        + " one of them.");
    }

    @Test
    void filterNamesAllOptionsWhenOnlyTheirCombinationIsEmpty() {
        // --nodes {load, clean}, --from-inputs {clean, enrich, join, plot, train, mail, audit} and
        // --tags {audit, load} intersect pairwise but not all three together.
        PipelineFilter f = PipelineFilter.NONE.withNodeNames(Set.of("load", "clean"))
                .withFromInputs(Set.of("x", "logs")).withTags(Set.of("ingest"));
        assertThatThrownBy(() -> DAG.filter(f))
                .isInstanceOf(EmptyPipelineException.class)
                .hasMessage("--nodes=[clean, load], --from-inputs=[logs, x] and --tags=[ingest] select no node in"
                        + " common. Fix: drop or widen one of them.");
    }

    @Test
    void filterReportsUnknownNodes() {
        PipelineFilter f = PipelineFilter.NONE.withToNodes(Set.of("jion"));
        assertThatThrownBy(() -> DAG.filter(f))
                .isInstanceOf(UnknownNodeException.class)
                .hasMessage("Pipeline does not contain nodes named [jion]. Did you mean: [join]?");
    }

    @Test
    void filteredPipelineEqualsThePipelineOfItsNodes() {
        Pipeline filtered = DAG.fromNodes("enrich");
        assertThat(filtered).isEqualTo(Pipeline.of(filtered.nodes()));
        assertThat(filtered.inputs()).containsExactly("params:alpha", "params:k", "x", "y");
    }

    @Test
    void filtersAreEqualByTheirSetsWhateverTheSetsImplementationOrOrder() {
        PipelineFilter a = PipelineFilter.NONE.withNodeNames(Set.of("load", "clean")).withTags(Set.of("prep"));
        PipelineFilter b = PipelineFilter.NONE.withTags(new java.util.TreeSet<>(List.of("prep")))
                .withNodeNames(new java.util.LinkedHashSet<>(List.of("clean", "load")));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(PipelineFilter.NONE).isEqualTo(new PipelineFilter(null, null, null, null, null, null, null));
    }

    @Test
    void filtersDifferingInAnyOptionAreNotEqual() {
        Set<String> x = Set.of("x");
        List<PipelineFilter> oneEach = List.of(PipelineFilter.NONE.withNodeNames(x), PipelineFilter.NONE.withFromNodes(x),
                PipelineFilter.NONE.withToNodes(x), PipelineFilter.NONE.withFromInputs(x),
                PipelineFilter.NONE.withToOutputs(x), PipelineFilter.NONE.withTags(x),
                PipelineFilter.NONE.withNamespaces(x));

        for (int i = 0; i < oneEach.size(); i++) {
            assertThat(oneEach.get(i)).isNotEqualTo(PipelineFilter.NONE);
            for (int j = 0; j < oneEach.size(); j++) {
                if (i != j) {
                    assertThat(oneEach.get(i)).isNotEqualTo(oneEach.get(j));
                }
            }
        }
        assertThat(oneEach.stream().map(PipelineFilter::hashCode).distinct()).hasSize(oneEach.size());
    }
}
