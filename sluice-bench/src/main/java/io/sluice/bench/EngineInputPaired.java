package io.sluice.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@link EngineInputBenchmark}'s two runs paired in one JVM: each round times a block of warm runs
 * without engine inputs and a block with one on each of the 10 nodes, the order alternating from
 * round to round, and prints the median per-run times and the median of the per-round cost of one
 * engine input ((with - without) / 10). On a shared machine whose load changes from minute to
 * minute this compares like with like better than JMH, which runs all iterations of one benchmark
 * before the next.
 *
 * <pre>{@code java -Xms1g -Xmx1g -cp sluice-bench/target/benchmarks.jar io.sluice.bench.EngineInputPaired [ROUNDS] [RUNS]}</pre>
 *
 * ROUNDS (default 21) are measured after 5 unmeasured ones; each block is RUNS runs (default 20000).
 */
public final class EngineInputPaired {
    private EngineInputPaired() {
    }

    /** {@code [ROUNDS] [RUNS]}. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        EngineInputBenchmark b = new EngineInputBenchmark();
        b.setUp();
        try {
            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            List<Double> perInput = new ArrayList<>();
            Object sink = null;
            for (int r = -5; r < rounds; r++) {
                double a = 0;
                double e = 0;
                for (int k = 0; k < 2; k++) {
                    boolean plainNow = (k == 0) == ((r & 1) == 0);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < runs; i++) {
                        sink = plainNow ? b.withoutEngines() : b.withEngines();
                    }
                    double ns = (System.nanoTime() - t0) / (double) runs;
                    if (plainNow) {
                        a = ns;
                    } else {
                        e = ns;
                    }
                }
                if (r >= 0) {
                    without.add(a);
                    with.add(e);
                    perInput.add((e - a) / EngineInputBenchmark.NODES);
                }
            }
            System.out.printf(Locale.ROOT, "warm run, 10 nodes: without engine inputs %.0f ns, with one on each node "
                    + "%.0f ns (medians of %d rounds of %d runs)%n", median(without), median(with), rounds, runs);
            System.out.printf(Locale.ROOT, "cost of one engine input: median %.1f ns (per-round quartiles %.1f .. %.1f)"
                    + "%n", median(perInput), quantile(perInput, 0.25), quantile(perInput, 0.75));
            if (sink == null) {
                System.out.println();
            }
        } finally {
            b.tearDown();
        }
    }

    static double median(List<Double> xs) {
        return quantile(xs, 0.5);
    }

    static double quantile(List<Double> xs, double q) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.get((int) Math.round(q * (sorted.size() - 1)));
    }
}
