package io.sluice.pipeline;

import static io.sluice.pipeline.Node.varargs;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class VarargsNodeTest {
    static long sum(List<Integer> values) {
        long total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    @Test
    void takesAnyNumberOfInputsAsAListInInputOrder() throws Exception {
        Node n = varargs((List<String> xs) -> String.join("+", xs)).inputs("a", "b", "c").outputs("joined");

        assertThat(n.arity()).isEqualTo(3);
        assertThat(n.run(new Object[] {"x", "y", "z"})).containsExactly("x+y+z");
    }

    @Test
    void loadsEveryInputAsTheListElementType() {
        Node n = varargs(VarargsNodeTest::sum).inputs("a", "b").outputs("total");

        assertThat(n.parameterTypes()).containsExactly(Integer.class, Integer.class);
        assertThat(n.name()).isEqualTo("sum(a,b) -> [total]");
    }

    @Test
    void joinsPipelinesLikeAnyOtherNode() {
        Pipeline p = Pipeline.of(
                Node.node((Integer x) -> x).inputs("x").outputs("a").name("a"),
                Node.node((Integer x) -> x).inputs("x").outputs("b").name("b"),
                varargs(VarargsNodeTest::sum).inputs("a", "b").outputs("total").name("sum"));

        assertThat(p.nodes()).extracting(Node::name).containsExactly("a", "b", "sum");
        assertThat(p.outputs()).containsExactly("total");
    }
}
