package io.sluice.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link ParquetBenchmark}'s four operations, paired in one JVM: each round runs the catalog's
 * load and DuckDB's direct load of the same file, then the catalog's save and the direct save, the
 * order of each pair alternating from round to round, and prints the medians and the median of
 * the per-round ratios, with the process CPU time of each operation (every thread: DuckDB's, the
 * GC's), which moves less than wall time with the machine's load. On a shared machine whose load changes from minute to minute this
 * compares like with like better than JMH, which runs all iterations of one benchmark before the
 * next.
 *
 * <pre>{@code java -Xms4g -Xmx4g -cp sluice-bench/target/benchmarks.jar io.sluice.bench.ParquetPaired [ROUNDS] [CHECKSUM]}</pre>
 *
 * ROUNDS (default 15) are measured after 3 unmeasured ones; CHECKSUM (default true) is
 * {@link ParquetBenchmark#checksum}.
 */
public final class ParquetPaired {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ParquetPaired() {
    }

    private interface Op {
        void run() throws Exception;
    }

    /** {@code [ROUNDS] [CHECKSUM]}. */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ParquetBenchmark b = new ParquetBenchmark();
        b.checksum = args.length <= 1 || Boolean.parseBoolean(args[1]);
        b.setUp();
        try {
            String[] names = {"catalogLoad", "duckdbLoad", "catalogSave", "duckdbSave"};
            Op[] ops = {b::catalogLoad, b::duckdbLoad, b::catalogSave, b::duckdbSave};
            List<List<Double>> times = new ArrayList<>();
            for (int i = 0; i < ops.length; i++) {
                times.add(new ArrayList<>());
            }
            List<List<Double>> cpu = new ArrayList<>();
            for (int i = 0; i < ops.length; i++) {
                cpu.add(new ArrayList<>());
            }
            List<Double> loadRatios = new ArrayList<>();
            List<Double> saveRatios = new ArrayList<>();
            for (int r = -3; r < rounds; r++) {
                double[] ms = new double[ops.length];
                double[] cpuMs = new double[ops.length];
                for (int pair = 0; pair < ops.length; pair += 2) {
                    int first = pair + (((r & 1) == 0) ? 0 : 1);
                    int second = pair + (((r & 1) == 0) ? 1 : 0);
                    for (int i : new int[] {first, second}) {
                        long cpu0 = OS.getProcessCpuTime();
                        ms[i] = time(ops[i]);
                        cpuMs[i] = (OS.getProcessCpuTime() - cpu0) / 1e6;
                    }
                }
                if (r < 0) {
                    continue;
                }
                for (int i = 0; i < ops.length; i++) {
                    times.get(i).add(ms[i]);
                    cpu.get(i).add(cpuMs[i]);
                }
                loadRatios.add(ms[0] / ms[1]);
                saveRatios.add(ms[2] / ms[3]);
                System.out.printf(Locale.ROOT, "round %2d: catalogLoad %7.1f duckdbLoad %7.1f (%.3f)  "
                                + "catalogSave %7.1f duckdbSave %7.1f (%.3f) ms; process CPU %.0f %.0f %.0f %.0f ms%n",
                        r + 1, ms[0], ms[1], ms[0] / ms[1], ms[2], ms[3], ms[2] / ms[3], cpuMs[0], cpuMs[1], cpuMs[2],
                        cpuMs[3]);
            }
            System.out.printf(Locale.ROOT, "%nmedians of %d rounds (checksum=%s), ms:%n", rounds, b.checksum);
            for (int i = 0; i < ops.length; i++) {
                System.out.printf(Locale.ROOT, "  %-12s %8.1f  [%.1f-%.1f]   process CPU %8.1f%n", names[i],
                        median(times.get(i)), min(times.get(i)), max(times.get(i)), median(cpu.get(i)));
            }
            System.out.printf(Locale.ROOT, "  load: catalog/direct, median of the per-round ratios %.3f (overhead %+.1f %%)%n",
                    median(loadRatios), 100 * (median(loadRatios) - 1));
            System.out.printf(Locale.ROOT, "  save: catalog/direct, median of the per-round ratios %.3f (overhead %+.1f %%)%n",
                    median(saveRatios), 100 * (median(saveRatios) - 1));
            System.out.printf(Locale.ROOT, "  process CPU, catalog/direct: load %.3f, save %.3f%n",
                    median(cpu.get(0)) / median(cpu.get(1)), median(cpu.get(2)) / median(cpu.get(3)));
        } finally {
            b.tearDown();
        }
    }

    private static double time(Op op) throws Exception {
        long start = System.nanoTime();
        op.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

}
