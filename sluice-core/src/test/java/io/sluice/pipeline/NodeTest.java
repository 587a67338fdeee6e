package io.sluice.pipeline;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTest {

    @Test
    void defaultNameIsMethodThenInputsThenOutputs() {
        Node n = node(Funcs::concat).inputs("a", "b").outputs("c");
        assertThat(n.name()).isEqualTo("concat(a,b) -> [c]");
    }

    @Test
    void defaultNameOfNodeWithoutInputsOrOutputs() {
        assertThat(node(Funcs::source).name()).isEqualTo("source() -> []");
    }

    @Test
    void defaultNameListsSeveralOutputs() {
        assertThat(node(Funcs::listOf2).inputs("a").outputs("x", "y").name()).isEqualTo("listOf2(a) -> [x,y]");
    }

    @Test
    void namespacePrefixesDefaultName() {
        Node n = node(Funcs::concat).inputs("a", "b").outputs("c").namespace("eu");
        assertThat(n.name()).isEqualTo("eu.concat(a,b) -> [c]");
        assertThat(n.namespace()).isEqualTo("eu");
    }

    @Test
    void namespacePrefixesExplicitName() {
        assertThat(node(Funcs::id).inputs("a").outputs("b").name("copy").namespace("eu").name()).isEqualTo("eu.copy");
    }

    @Test
    void constructorReferenceIsNamedAfterItsType() {
        Node n = node(Funcs.Pair::new).inputs("a", "b").outputs("p");
        assertThat(n.name()).isEqualTo("Pair::new(a,b) -> [p]");
        assertThat(n.function()).isEqualTo(new FunctionRef("io.sluice.pipeline.Funcs$Pair", "<init>",
                "(Ljava/lang/String;Ljava/lang/String;)V"));
    }

    @Test
    void lambdaDefaultNameUsesJavacSyntheticMethodName() {
        Node n = node((String x) -> x + "!").inputs("a").outputs("b");
        String method = n.function().methodName();
        assertThat(method).startsWith("lambda$lambdaDefaultNameUsesJavacSyntheticMethodName$");
        assertThat(n.name()).isEqualTo(method + "(a) -> [b]");
        assertThat(n.function().className()).isEqualTo("io.sluice.pipeline.NodeTest");
    }

    @Test
    void tagsAccumulateSorted() {
        Node n = node(Funcs::id).inputs("a").outputs("b").tags("train", "clean").tags("base");
        assertThat(n.tags()).containsExactly("base", "clean", "train");
    }

    @Test
    void inputsMustMatchArity() {
        assertThatThrownBy(() -> node(Funcs::concat).outputs("c").inputs("a"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("Node 'concat(a) -> [c]' wraps io.sluice.pipeline.Funcs::concat, which takes 2 inputs,"
                        + " but 1 input name was given: [a]. Fix: pass exactly 2 names to inputs(...).");
    }

    @Test
    void missingInputsAreReportedWhenTheNodeJoinsAPipeline() {
        Node n = node(Funcs::id).outputs("x");
        assertThatThrownBy(() -> Pipeline.of(n))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("Node 'id() -> [x]' wraps io.sluice.pipeline.Funcs::id, which takes 1 input, but 0 input"
                        + " names were given: []. Fix: pass exactly 1 name to inputs(...).");
    }

    @Test
    void outputCannotAlsoBeAnInput() {
        assertThatThrownBy(() -> node(Funcs::id).inputs("a").outputs("a"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("Node 'id(a) -> [a]' both reads and writes dataset 'a'. A node cannot consume its own"
                        + " output. Fix: give the output another name.");
    }

    @Test
    void outputCannotBeListedTwice() {
        assertThatThrownBy(() -> node(Funcs::listOf2).inputs("a").outputs("x", "x"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("Node 'listOf2' lists output 'x' twice in [x, x]. Fix: give each output its own dataset"
                        + " name.");
    }

    @Test
    void outputCannotUseAReservedInputName() {
        assertThatThrownBy(() -> node(Funcs::id).inputs("a").outputs("params:x"))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessageStartingWith("Node 'id' cannot output 'params:x'");
    }

    @Test
    void blankNamesAreRejected() {
        assertThatThrownBy(() -> node(Funcs::id).inputs(" "))
                .isInstanceOf(InvalidNodeException.class)
                .hasMessage("A node's inputs must be non-blank names, got ' '. Fix: pass a dataset, tag or node name.");
    }

    @Test
    void functionRefOfStaticMethodReference() {
        assertThat(node(Funcs::f).function()).isEqualTo(
                new FunctionRef("io.sluice.pipeline.Funcs", "f", "(Ljava/util/List;)Ljava/util/List;"));
    }

    @Test
    void parameterTypesAreGeneric() {
        Node n = node(Funcs::f).inputs("xs").outputs("ys");
        assertThat(n.parameterTypes()).hasSize(1);
        assertThat(n.parameterTypes()[0].getTypeName()).isEqualTo("java.util.List<java.lang.Integer>");
        assertThat(n.returnType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
    }

    @Test
    void unboundInstanceReferenceTakesItsReceiverAsInput() {
        Node n = node(String::length).inputs("s").outputs("n");
        assertThat(n.function()).isEqualTo(new FunctionRef("java.lang.String", "length", "()I"));
        assertThat(n.parameterTypes()).containsExactly(String.class);
        assertThat(n.returnType()).isEqualTo(int.class);
    }

    @Test
    void boundInstanceReferenceTakesOnlyMethodParameters() {
        String prefix = "p";
        Node n = node(prefix::concat).inputs("s").outputs("t");
        assertThat(n.parameterTypes()).containsExactly(String.class);
        assertThat(n.returnType()).isEqualTo(String.class);
    }

    @Test
    void lambdaParameterTypesAreErased() {
        int offset = 1;
        Node n = node((List<Integer> xs) -> xs.size() + offset).inputs("xs").outputs("n");
        assertThat(n.parameterTypes()).containsExactly(List.class);
    }

    @Test
    void runWithOneOutputReturnsTheResult() throws Exception {
        assertThat(node(Funcs::concat).inputs("a", "b").outputs("c").run(new Object[] {"x", "y"}))
                .containsExactly("xy");
    }

    @Test
    void runWithoutOutputsIgnoresTheResult() throws Exception {
        assertThat(node(Funcs::id).inputs("a").run(new Object[] {"x"})).isEmpty();
    }

    @Test
    void runSplitsAListAcrossPositionalOutputs() throws Exception {
        assertThat(node(Funcs::listOf2).inputs("a").outputs("p", "q").run(new Object[] {"x"}))
                .containsExactly("x1", "x2");
    }

    @Test
    void runSplitsAnArrayAcrossPositionalOutputs() throws Exception {
        assertThat(node(Funcs::arrayOf2).inputs("a").outputs("p", "q").run(new Object[] {"x"}))
                .containsExactly("x1", "x2");
    }

    @Test
    void runSplitsARecordAcrossPositionalOutputsInComponentOrder() throws Exception {
        assertThat(node(Funcs::pair).inputs("a").outputs("p", "q").run(new Object[] {"x"}))
                .containsExactly("xL", "xR");
    }

    @Test
    void runMapsNamedOutputsFromAMap() throws Exception {
        Map<String, String> named = new LinkedHashMap<>();
        named.put("right", "r_ds");
        named.put("left", "l_ds");
        Node n = node(Funcs::map).inputs("a").outputs(named);
        assertThat(n.outputs()).containsExactly("r_ds", "l_ds");
        assertThat(n.run(new Object[] {"x"})).containsExactly("xR", "xL");
    }

    @Test
    void runMapsNamedOutputsFromARecord() throws Exception {
        Node n = node(Funcs::pair).inputs("a").outputs(Map.of("right", "r_ds", "left", "l_ds"));
        assertThat(n.run(new Object[] {"x"})).containsExactly("xL", "xR");
    }

    @Test
    void unorderedNamedOutputsAreSortedByComponent() {
        Node n = node(Funcs::pair).inputs("a").outputs(Map.of("right", "r_ds", "left", "l_ds"));
        assertThat(n.outputComponents()).containsExactly("left", "right");
        assertThat(n.outputs()).containsExactly("l_ds", "r_ds");
    }

    @Test
    void listOfWrongSizeIsAnOutputMismatch() {
        Node n = node(Funcs::listOf2).inputs("a").outputs("p", "q", "r").name("split");
        assertThatThrownBy(() -> n.run(new Object[] {"x"}))
                .isInstanceOf(NodeOutputException.class)
                .hasMessage("Node 'split' declares outputs [p, q, r] and so expects its function"
                        + " io.sluice.pipeline.Funcs::listOf2 to return 3 positional values, but it returned a List"
                        + " of 2. Fix: return 3 positional values or change outputs(...).");
    }

    @Test
    void unsplittableValueIsAnOutputMismatch() {
        Node n = node(Funcs::id).inputs("a").outputs("p", "q").name("split");
        assertThatThrownBy(() -> n.run(new Object[] {"x"}))
                .isInstanceOf(NodeOutputException.class)
                .hasMessage("Node 'split' declares outputs [p, q] and so expects its function"
                        + " io.sluice.pipeline.Funcs::id to return 2 positional values (a List, an Object[] or a"
                        + " record), but it returned a java.lang.String. Fix: return 2 positional values (a List, an"
                        + " Object[] or a record) or change outputs(...).");
    }

    @Test
    void mapWithOtherKeysIsAnOutputMismatch() {
        Node n = node(Funcs::map).inputs("a").outputs(Map.of("left", "l", "middle", "m")).name("split");
        assertThatThrownBy(() -> n.run(new Object[] {"x"}))
                .isInstanceOf(NodeOutputException.class)
                .hasMessage("Node 'split' declares outputs [l, m] and so expects its function"
                        + " io.sluice.pipeline.Funcs::map to return a Map with keys [left, middle], but it returned"
                        + " a Map with keys [left, right]. Fix: return a Map with keys [left, middle] or change"
                        + " outputs(...).");
    }

    @Test
    void recordWithOtherComponentsIsAnOutputMismatch() {
        Node n = node(Funcs::pair).inputs("a").outputs(Map.of("left", "l", "middle", "m")).name("split");
        assertThatThrownBy(() -> n.run(new Object[] {"x"}))
                .isInstanceOf(NodeOutputException.class)
                .hasMessage("Node 'split' declares outputs [l, m] and so expects its function"
                        + " io.sluice.pipeline.Funcs::pair to return a record with components [left, middle], but it"
                        + " returned record Pair with components [left, right]. Fix: return a record with components"
                        + " [left, middle] or change outputs(...).");
    }

    @Test
    void runPropagatesTheFunctionsException() {
        Node n = node((String x) -> {
            throw new IllegalStateException("boom " + x);
        }).inputs("a").outputs("b");
        assertThatThrownBy(() -> n.run(new Object[] {"x"})).isInstanceOf(IllegalStateException.class)
                .hasMessage("boom x");
    }

    @Test
    void nodesAreEqualByName() {
        Node a = node(Funcs::id).inputs("a").outputs("b").name("n");
        Node b = node(Funcs::concat).inputs("c", "d").outputs("e").name("n");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.sameDefinition(b)).isFalse();
    }

    @Test
    void sameDefinitionComparesTags() {
        Node a = node(Funcs::id).inputs("a").outputs("b");
        assertThat(a.sameDefinition(node(Funcs::id).inputs("a").outputs("b"))).isTrue();
        assertThat(a.sameDefinition(a.tags("t"))).isFalse();
    }

    @Test
    void toStringIsTheName() {
        assertThat(node(Funcs::id).inputs("a").outputs("b")).hasToString("id(a) -> [b]");
    }
}
