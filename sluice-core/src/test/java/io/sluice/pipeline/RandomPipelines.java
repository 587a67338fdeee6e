package io.sluice.pipeline;

import static io.sluice.pipeline.Node.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded pseudo-random pipelines: the same seed gives the same nodes, shuffled the same way. */
final class RandomPipelines {
    private RandomPipelines() {
    }

    static Pipeline build(long seed, int size) {
        Random r = new Random(seed);
        List<Node> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int arity = 1 + r.nextInt(3);
            String[] in = new String[arity];
            for (int k = 0; k < arity; k++) {
                // Only earlier datasets, so the graph is acyclic.
                in[k] = i == 0 || r.nextInt(5) == 0 ? "raw_" + r.nextInt(10) : "ds_" + r.nextInt(i);
            }
            Node n = switch (arity) {
                case 1 -> r.nextBoolean() ? node(Funcs::id) : node((String x) -> x);
                case 2 -> node(Funcs::concat);
                default -> node(Funcs::concat3);
            };
            n = n.inputs(in).outputs("ds_" + i);
            if (r.nextInt(5) == 0) {
                n = n.namespace("ns" + r.nextInt(3));
            }
            if (r.nextInt(7) == 0) {
                n = n.name("n" + i);
            }
            nodes.add(n);
        }
        Collections.shuffle(nodes, r);
        return Pipeline.of(nodes);
    }
}
