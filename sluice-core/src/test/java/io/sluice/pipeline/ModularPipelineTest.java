package io.sluice.pipeline;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModularPipelineTest {

    private static final Pipeline BASE = Pipeline.of(
            node(Funcs::concat).inputs("companies", "params:scale").outputs("clean_companies").name("prep"),
            node(Funcs::concat3).inputs("clean_companies", "params:model.alpha", "parameters").outputs("model")
                    .name("fit"),
            node(Funcs::concat3).inputs("model", "engine:warehouse", "run:context").outputs("scores").name("score"));

    /** "name: inputs -> outputs" per node, in execution order. */
    private static List<String> shape(Pipeline p) {
        return p.nodes().stream().map(n -> n.name() + ": " + n.inputs() + " -> " + n.outputs()).toList();
    }

    @Test
    void namespacePrefixesDatasetsParamsAndNodeNames() {
        Pipeline eu = Pipeline.pipeline(BASE).namespace("eu").build();
        assertThat(shape(eu)).containsExactly(
                "eu.prep: [eu.companies, params:eu.scale] -> [eu.clean_companies]",
                "eu.fit: [eu.clean_companies, params:eu.model.alpha, parameters] -> [eu.model]",
                "eu.score: [eu.model, engine:warehouse, run:context] -> [eu.scores]");
        assertThat(eu.nodes()).extracting(Node::namespace).containsOnly("eu");
    }

    @Test
    void namespacedFreeInputsKeepSpecialNames() {
        Pipeline eu = Pipeline.pipeline(BASE).namespace("eu").build();
        assertThat(eu.inputs()).containsExactly("engine:warehouse", "eu.companies", "parameters",
                "params:eu.model.alpha", "params:eu.scale", "run:context");
        assertThat(eu.outputs()).containsExactly("eu.scores");
    }

    @Test
    void mappedInputsOutputsAndParametersAreNotPrefixed() {
        Pipeline eu = Pipeline.pipeline(BASE).namespace("eu")
                .inputs(Map.of("companies", "raw_companies"))
                .outputs("scores")
                .parameters(Map.of("scale", "global_scale"))
                .build();
        assertThat(shape(eu)).containsExactly(
                "eu.prep: [raw_companies, params:global_scale] -> [eu.clean_companies]",
                "eu.fit: [eu.clean_companies, params:eu.model.alpha, parameters] -> [eu.model]",
                "eu.score: [eu.model, engine:warehouse, run:context] -> [scores]");
    }

    @Test
    void anIntermediateOutputCanBeExposed() {
        Pipeline eu = Pipeline.pipeline(BASE).namespace("eu").outputs(Map.of("model", "eu_model")).build();
        assertThat(eu.node("eu.fit").outputs()).containsExactly("eu_model");
        assertThat(eu.node("eu.score").inputs()).containsExactly("eu_model", "engine:warehouse", "run:context");
    }

    @Test
    void parametersCanBeKeptAsIsWithOrWithoutPrefix() {
        Pipeline eu = Pipeline.pipeline(BASE).namespace("eu").parameters("model.alpha", "params:scale").build();
        assertThat(eu.inputs(InputKind.PARAMS)).containsExactly("params:model.alpha", "params:scale");
    }

    @Test
    void mappingsWithoutNamespaceOnlyRename() {
        Pipeline p = Pipeline.pipeline(BASE).inputs(Map.of("companies", "c2")).build();
        assertThat(shape(p)).containsExactly(
                "prep: [c2, params:scale] -> [clean_companies]",
                "fit: [clean_companies, params:model.alpha, parameters] -> [model]",
                "score: [model, engine:warehouse, run:context] -> [scores]");
        assertThat(p.node("prep").namespace()).isNull();
    }

    @Test
    void nestedNamespacesChain() {
        Pipeline inner = Pipeline.pipeline(BASE).namespace("train").build();
        Pipeline outer = Pipeline.pipeline(inner).namespace("eu").build();
        assertThat(shape(outer)).containsExactly(
                "eu.train.prep: [eu.train.companies, params:eu.train.scale] -> [eu.train.clean_companies]",
                "eu.train.fit: [eu.train.clean_companies, params:eu.train.model.alpha, parameters]"
                        + " -> [eu.train.model]",
                "eu.train.score: [eu.train.model, engine:warehouse, run:context] -> [eu.train.scores]");
        assertThat(outer.namespaces()).containsExactly("eu.train");
        assertThat(outer.onlyNodesWithNamespaces("eu").size()).isEqualTo(3);
    }

    @Test
    void defaultNamesAreRecomputedFromRenamedDatasets() {
        Pipeline p = Pipeline.of(node(Funcs::id).inputs("a").outputs("b"));
        Pipeline eu = Pipeline.pipeline(p).namespace("eu").build();
        assertThat(eu.nodes()).extracting(Node::name).containsExactly("eu.id(eu.a) -> [eu.b]");
    }

    @Test
    void tagsAreAddedToEveryNode() {
        Pipeline eu = Pipeline.pipeline(BASE).namespace("eu").tags("region").build();
        assertThat(eu.nodes()).allSatisfy(n -> assertThat(n.tags()).containsExactly("region"));
    }

    @Test
    void twoNamespacedCopiesCoexist() {
        Pipeline both = Pipeline.pipeline(BASE).namespace("eu").inputs("companies").build()
                .plus(Pipeline.pipeline(BASE).namespace("us").inputs("companies").build());
        assertThat(both.size()).isEqualTo(6);
        assertThat(both.consumersOf("companies")).extracting(Node::name).containsExactly("eu.prep", "us.prep");
    }

    @Test
    void mappingAnInputThatIsNotFreeIsAnError() {
        assertThatThrownBy(() -> Pipeline.pipeline(BASE).inputs("model", "nope").build())
                .isInstanceOf(ModularPipelineException.class)
                .hasMessage("pipeline(...).inputs(...) maps [model, nope], which are not free inputs of the pipeline"
                        + " (a free input is consumed by a node and produced by none). Free inputs: [companies,"
                        + " engine:warehouse, parameters, params:model.alpha, params:scale, run:context].");
    }

    @Test
    void mappingParametersAsInputsIsAnError() {
        assertThatThrownBy(() -> Pipeline.pipeline(BASE).inputs(Map.of("params:scale", "params:s")).build())
                .isInstanceOf(ModularPipelineException.class)
                .hasMessage("pipeline(...).inputs(...) maps parameters [params:scale]. Fix: map parameters with"
                        + " parameters(...) instead.");
    }

    @Test
    void mappingAnOutputNoNodeProducesIsAnError() {
        assertThatThrownBy(() -> Pipeline.pipeline(BASE).outputs("companies", "score").build())
                .isInstanceOf(ModularPipelineException.class)
                .hasMessage("pipeline(...).outputs(...) maps [companies, score], which are not produced by any node"
                        + " of the pipeline. Did you mean: [clean_companies, scores]? Outputs: [clean_companies, model,"
                        + " scores].");
    }

    @Test
    void mappingAParameterNoNodeUsesIsAnError() {
        assertThatThrownBy(() -> Pipeline.pipeline(BASE).parameters(Map.of("scael", "s")).build())
                .isInstanceOf(ModularPipelineException.class)
                .hasMessage("pipeline(...).parameters(...) maps [params:scael], which are not used by any node of the"
                        + " pipeline. Did you mean: [params:scale]? Parameters used: [parameters, params:model.alpha,"
                        + " params:scale].");
    }

    @Test
    void renamingThatMakesANodeReadItsOwnOutputIsAnError() {
        Pipeline p = Pipeline.of(node(Funcs::id).inputs("x").outputs("y").name("b"));
        assertThatThrownBy(() -> Pipeline.pipeline(p).namespace("eu").inputs(Map.of("x", "eu.y")).build())
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("Node 'eu.b' both reads and writes dataset 'eu.y'. A node cannot consume its own output."
                        + " Fix: give the output another name.");
    }

    @Test
    void renamingThatMakesTwoNodesProduceOneDatasetIsAnError() {
        Pipeline p = Pipeline.of(node(Funcs::id).inputs("in").outputs("x").name("a"),
                node(Funcs::id).inputs("x").outputs("y").name("b"));
        assertThatThrownBy(() -> Pipeline.pipeline(p).namespace("eu").outputs(Map.of("y", "eu.x")).build())
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("Dataset 'eu.x' is produced by two nodes: 'eu.a' and 'eu.b'. Fix: rename the output of"
                        + " one of them; every dataset has exactly one producer.");
    }

    @Test
    void withoutAnyOptionTheSamePipelineIsReturned() {
        assertThat(Pipeline.pipeline(BASE).build()).isSameAs(BASE);
    }
}
