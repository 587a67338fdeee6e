package io.sluice.pipeline;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    // A diamond top -> {zleft, right} -> bottom, plus an unrelated node; names chosen so that
    // name order differs from insertion order.
    private static final Node TOP = node(Funcs::id).inputs("src").outputs("a").name("top");
    private static final Node ZLEFT = node(Funcs::id).inputs("a").outputs("b").name("zleft");
    private static final Node RIGHT = node(Funcs::concat).inputs("a", "params:k").outputs("c").name("right");
    private static final Node BOTTOM = node(Funcs::concat).inputs("b", "c").outputs("d").name("bottom");
    private static final Node ALONE = node(Funcs::id).inputs("z").outputs("y").name("alone").tags("misc");

    private static Pipeline diamond() {
        return Pipeline.of(BOTTOM, ZLEFT, TOP, ALONE, RIGHT);
    }

    private static List<String> names(Pipeline p) {
        return p.nodes().stream().map(Node::name).toList();
    }

    @Test
    void toposortOrdersLayersAndBreaksTiesByName() {
        assertThat(names(diamond())).containsExactly("alone", "top", "right", "zleft", "bottom");
    }

    @Test
    void layersGroupNodesWhoseParentsAreInEarlierLayers() {
        assertThat(diamond().layers()).containsExactly(List.of(ALONE, TOP), List.of(RIGHT, ZLEFT), List.of(BOTTOM));
    }

    @Test
    void orderDoesNotDependOnTheOrderNodesAreGiven() {
        assertThat(Pipeline.of(ALONE, RIGHT, TOP, BOTTOM, ZLEFT).nodes()).isEqualTo(diamond().nodes());
    }

    @Test
    void freeInputsAreConsumedButNotProducedIncludingParams() {
        assertThat(diamond().inputs()).containsExactly("params:k", "src", "z");
    }

    @Test
    void freeInputsOfOneKind() {
        assertThat(diamond().inputs(InputKind.PARAMS)).containsExactly("params:k");
        assertThat(diamond().inputs(InputKind.DATASET)).containsExactly("src", "z");
    }

    @Test
    void freeOutputsAreProducedButNotConsumed() {
        assertThat(diamond().outputs()).containsExactly("d", "y");
    }

    @Test
    void datasetsAllInputsAndAllOutputs() {
        Pipeline p = diamond();
        assertThat(p.datasets()).containsExactly("a", "b", "c", "d", "params:k", "src", "y", "z");
        assertThat(p.allInputs()).containsExactly("a", "b", "c", "params:k", "src", "z");
        assertThat(p.allOutputs()).containsExactly("a", "b", "c", "d", "y");
    }

    @Test
    void producerAndConsumers() {
        Pipeline p = diamond();
        assertThat(p.producerOf("a")).isEqualTo(TOP);
        assertThat(p.producerOf("src")).isNull();
        assertThat(p.consumersOf("a")).containsExactly(RIGHT, ZLEFT);
        assertThat(p.consumersOf("d")).isEmpty();
    }

    @Test
    void parentsAndChildren() {
        Pipeline p = diamond();
        assertThat(p.parents(BOTTOM)).containsExactly(RIGHT, ZLEFT);
        assertThat(p.children(TOP)).containsExactly(RIGHT, ZLEFT);
        assertThat(p.parents(TOP)).isEmpty();
    }

    @Test
    void sizeTagsAndNamespaces() {
        Pipeline p = Pipeline.of(diamond(), Pipeline.of(node(Funcs::id).inputs("q").outputs("r").name("n")
                .namespace("eu.fr").tags("geo")));
        assertThat(p.size()).isEqualTo(6);
        assertThat(p.isEmpty()).isFalse();
        assertThat(p.tags()).containsExactly("geo", "misc");
        assertThat(p.namespaces()).containsExactly("eu.fr");
    }

    @Test
    void emptyPipeline() {
        assertThat(Pipeline.empty().isEmpty()).isTrue();
        assertThat(Pipeline.empty().layers()).isEmpty();
        assertThat(Pipeline.empty().inputs()).isEmpty();
    }

    @Test
    void nodeLookupByName() {
        assertThat(diamond().node("zleft")).isSameAs(ZLEFT);
    }

    @Test
    void unknownNodeLookupSuggestsCloseNames() {
        assertThatThrownBy(() -> diamond().node("botom"))
                .isInstanceOf(UnknownNodeException.class)
                .hasMessage("Pipeline does not contain a node named 'botom'. Did you mean: [bottom]?");
    }

    @Test
    void duplicateNamesWithDifferentDefinitionsAreRejected() {
        Node other = node(Funcs::concat).inputs("p", "q").outputs("r").name("top");
        assertThatThrownBy(() -> Pipeline.of(TOP, other))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("Two different nodes are named 'top': one wraps io.sluice.pipeline.Funcs::id [src] -> [a],"
                        + " the other wraps io.sluice.pipeline.Funcs::concat [p, q] -> [r]. Fix: give one of them"
                        + " another name(...).");
    }

    @Test
    void theSameNodeTwiceIsKeptOnce() {
        assertThat(names(Pipeline.of(TOP, TOP, node(Funcs::id).inputs("src").outputs("a").name("top"))))
                .containsExactly("top");
    }

    @Test
    void aDatasetWithTwoProducersIsRejected() {
        Node twin = node(Funcs::id).inputs("z").outputs("a").name("twin");
        assertThatThrownBy(() -> Pipeline.of(twin, TOP))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("Dataset 'a' is produced by two nodes: 'top' and 'twin'. Fix: rename the output of one of"
                        + " them; every dataset has exactly one producer.");
    }

    @Test
    void aCycleIsRejectedNamingTheLoop() {
        Node a = node(Funcs::id).inputs("ds2").outputs("ds1").name("a");
        Node b = node(Funcs::id).inputs("ds1").outputs("ds2").name("b");
        assertThatThrownBy(() -> Pipeline.of(b, a))
                .isInstanceOf(CircularDependencyException.class)
                .hasMessage("Pipeline has a cycle: a -> ds1 -> b -> ds2 -> a. Fix: rename one of these datasets or"
                        + " remove one of these nodes so that no node depends on its own output.");
    }

    @Test
    void aCycleReachedThroughATailReportsOnlyTheLoop() {
        Node feed = node(Funcs::id).inputs("raw").outputs("seed").name("feed");
        Node x = node(Funcs::concat).inputs("seed", "w").outputs("u").name("x");
        Node y = node(Funcs::id).inputs("u").outputs("v").name("y");
        Node z = node(Funcs::id).inputs("v").outputs("w").name("z");
        Node after = node(Funcs::id).inputs("v").outputs("end").name("after");
        CircularDependencyException e = org.junit.jupiter.api.Assertions.assertThrows(
                CircularDependencyException.class, () -> Pipeline.of(after, z, y, x, feed));
        assertThat(e.cycle()).containsExactly("x", "u", "y", "v", "z", "w", "x");
    }

    @Test
    void plusIsTheUnionKeepingSharedNodesOnce() {
        Pipeline left = Pipeline.of(TOP, ZLEFT);
        Pipeline right = Pipeline.of(TOP, RIGHT, BOTTOM);
        assertThat(names(left.plus(right))).containsExactly("top", "right", "zleft", "bottom");
    }

    @Test
    void plusRejectsTwoDifferentNodesWithOneName() {
        Pipeline other = Pipeline.of(node(Funcs::id).inputs("zz").outputs("a2").name("top"));
        assertThatThrownBy(() -> diamond().plus(other)).isInstanceOf(InvalidPipelineException.class)
                .hasMessageStartingWith("Two different nodes are named 'top'");
    }

    @Test
    void minusRemovesNodesByName() {
        assertThat(names(diamond().minus(Pipeline.of(ZLEFT, ALONE)))).containsExactly("top", "right", "bottom");
    }

    @Test
    void intersectKeepsNodesInBoth() {
        assertThat(names(diamond().intersect(Pipeline.of(ZLEFT, ALONE)))).containsExactly("alone", "zleft");
    }

    @Test
    void ofRejectsElementsThatAreNeitherNodesNorPipelines() {
        assertThatThrownBy(() -> Pipeline.of(List.of(TOP, "oops")))
                .isInstanceOf(InvalidPipelineException.class)
                .hasMessage("Pipeline.of accepts Node and Pipeline elements, but element 1 is a java.lang.String."
                        + " Fix: wrap functions with Node.node(...).");
    }

    @Test
    void pipelinesWithTheSameNodesAreEqual() {
        assertThat(Pipeline.of(TOP, ZLEFT)).isEqualTo(Pipeline.of(ZLEFT, TOP)).isNotEqualTo(Pipeline.of(TOP));
    }

    @Test
    void describeListsNodesInOrderThenFreeInputsAndOutputs() {
        assertThat(Pipeline.of(TOP, ALONE).describe()).isEqualTo("""
                Pipeline of 2 nodes in 1 layer
                Inputs: [src, z]
                Outputs: [a, y]
                1. alone
                   inputs:  [z]
                   outputs: [y]
                   tags:    [misc]
                2. top
                   inputs:  [src]
                   outputs: [a]
                """);
    }

    @Test
    void toStringListsTheFirstFiveNodes() {
        assertThat(diamond()).hasToString("Pipeline[5 nodes: alone, top, right, zleft, bottom]");
        assertThat(diamond().plus(Pipeline.of(node(Funcs::id).inputs("k").outputs("l").name("more"))))
                .hasToString("Pipeline[6 nodes: alone, more, top, right, zleft, ...]");
    }

    @Test
    void largeRandomPipelineIsSortedTopologically() {
        Pipeline p = RandomPipelines.build(7, 100_000);
        assertThat(p.size()).isEqualTo(100_000);
        java.util.Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < p.size(); i++) {
            position.put(p.nodes().get(i).name(), i);
        }
        for (Node n : p.nodes()) {
            for (Node parent : p.parents(n)) {
                assertThat(position.get(parent.name())).isLessThan(position.get(n.name()));
            }
        }
        Node first = p.nodes().get(0);
        Pipeline downstream = p.fromNodes(first.name());
        assertThat(downstream.nodes().get(0)).isEqualTo(first);
    }
}
