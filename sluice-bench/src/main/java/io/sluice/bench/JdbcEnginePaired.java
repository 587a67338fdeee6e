package io.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link JdbcEngineQueryBenchmark}'s 1M-row DuckDB aggregate through the {@code jdbc} engine and
 * through the driver directly, paired in one JVM: each round times a block of queries each way,
 * the order alternating from round to round, and prints the medians and the median of the
 * per-round ratio (engine / direct). On a shared machine whose load changes from minute to minute
 * this compares like with like better than JMH, which runs all iterations of one benchmark before
 * the next.
 *
 * <pre>{@code java -Xms1g -Xmx1g -cp sluice-bench/target/benchmarks.jar io.sluice.bench.JdbcEnginePaired [ROUNDS] [QUERIES]}</pre>
 *
 * ROUNDS (default 21) are measured after 3 unmeasured ones; each block is QUERIES queries
 * (default 10).
 */
public final class JdbcEnginePaired {
    private JdbcEnginePaired() {
    }

    /** {@code [ROUNDS] [QUERIES]}. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 21;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        JdbcEngineQueryBenchmark b = new JdbcEngineQueryBenchmark();
        b.setUp();
        try {
            List<Double> engine = new ArrayList<>();
            List<Double> direct = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            double sink = 0;
            for (int r = -3; r < rounds; r++) {
                double e = 0;
                double d = 0;
                for (int k = 0; k < 2; k++) {
                    boolean engineNow = (k == 0) == ((r & 1) == 0);
                    long t0 = System.nanoTime();
                    for (int i = 0; i < queries; i++) {
                        sink += engineNow ? b.throughEngine() : b.driverDirectly();
                    }
                    double ms = (System.nanoTime() - t0) / 1e6 / queries;
                    if (engineNow) {
                        e = ms;
                    } else {
                        d = ms;
                    }
                }
                if (r >= 0) {
                    engine.add(e);
                    direct.add(d);
                    ratio.add(e / d);
                }
            }
            System.out.printf(Locale.ROOT, "1M-row aggregate: through the engine %.2f ms, driver directly %.2f ms "
                    + "(medians of %d rounds of %d queries)%n", EngineInputPaired.median(engine),
                    EngineInputPaired.median(direct), rounds, queries);
            System.out.printf(Locale.ROOT, "engine / direct: median %.3f (per-round quartiles %.3f .. %.3f)%n",
                    EngineInputPaired.median(ratio), EngineInputPaired.quantile(ratio, 0.25),
                    EngineInputPaired.quantile(ratio, 0.75));
            if (sink == 42) {
                System.out.println();
            }
        } finally {
            b.tearDown();
        }
    }
}
