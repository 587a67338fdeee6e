package io.sluice.pipeline;

import java.util.List;

/**
 * Run in a second JVM by {@link DeterminismTest}: prints, one per line, the node names of a
 * seeded pseudo-random pipeline in execution order.
 */
public final class DeterminismMain {
    private DeterminismMain() {
    }

    static List<String> order(long seed, int size) {
        return RandomPipelines.build(seed, size).nodes().stream().map(Node::name).toList();
    }

    public static void main(String[] args) {
        StringBuilder out = new StringBuilder();
        for (String name : order(Long.parseLong(args[0]), Integer.parseInt(args[1]))) {
            out.append(name).append('\n');
        }
        System.out.print(out);
        System.out.flush();
    }
}
