package io.sluice.bench;

import io.sluice.datasets.parquet.ParquetDataset;
import io.sluice.io.CsvDataset;
import io.sluice.io.DatasetConfig;
import io.sluice.resource.Resources;
import io.sluice.run.RunContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * The cost of the checksum check on loads, measured in pairs: in one JVM, each round loads the
 * same file with the check and without it (and, given the benchmark jar of an earlier build,
 * through that build's CSV dataset, loaded in a class loader of its own), in an order that
 * rotates from round to round, and reports the median of each and the median of the per-round
 * ratios. On a machine shared with other work, JMH runs of one variant after the other differ by
 * more than the few percent looked for; loads taken back to back see the same machine.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp sluice-bench/target/benchmarks.jar io.sluice.bench.IntegrityBench 30 [earlier-benchmarks.jar]
 * </pre>
 *
 * <p>Times are wall time and the CPU time of the loading thread (which leaves out other
 * processes' work, and DuckDB's own threads).
 */
public final class IntegrityBench {
    private IntegrityBench() {
    }

    /** One way of loading, and its timings. */
    private record Variant(String name, Callable<Object> load, List<long[]> times) {
        Variant(String name, Callable<Object> load) {
            this(name, load, new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path earlier = args.length > 1 ? Path.of(args[1]) : null;
        Type rowList = CsvBenchmark.ROW_LIST;
        Path dir = Files.createTempDirectory("sluice-integrity-bench");
        RunContext run = new RunContext("bench", "bench", "local", Map.of(), dir);
        List<CsvBenchmark.Row> rows = writeCsv(dir, run);
        try (Resources resources = new Resources("the benchmark's catalog")) {
            CsvDataset csvChecked = csv(dir, true);
            CsvDataset csvUnchecked = csv(dir, false);
            ParquetDataset parquetChecked = parquet(dir, resources, true);
            ParquetDataset parquetUnchecked = parquet(dir, resources, false);
            parquetChecked.save(run, rows);

            List<List<Variant>> groups = new ArrayList<>();
            List<Variant> csvGroup = new ArrayList<>(List.of(
                    new Variant("csv checked", () -> csvChecked.load(run, rowList)),
                    new Variant("csv unchecked", () -> csvUnchecked.load(run, rowList))));
            if (earlier != null) {
                csvGroup.add(new Variant("csv earlier build", earlierCsvLoad(earlier, dir, rowList)));
            }
            groups.add(csvGroup);
            groups.add(List.of(
                    new Variant("parquet checked", () -> parquetChecked.load(run, rowList)),
                    new Variant("parquet unchecked", () -> parquetUnchecked.load(run, rowList))));

            for (List<Variant> group : groups) {
                for (Variant v : group) {
                    if (!v.load().call().equals(rows)) {
                        throw new IllegalStateException(v.name() + " loads other rows");
                    }
                }
                measure(group, 5, false);
                measure(group, rounds, true);
                report(group);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static List<CsvBenchmark.Row> writeCsv(Path dir, RunContext run) throws Exception {
        List<CsvBenchmark.Row> rows = CsvBenchmark.rows();
        CsvBenchmark.writeCsv(dir.resolve("rows.csv"), run, rows);
        System.out.printf(Locale.ROOT, "csv: %,d bytes; ", Files.size(dir.resolve("rows.csv")));
        return rows;
    }

    private static CsvDataset csv(Path dir, boolean checksum) {
        return new CsvDataset(DatasetConfig.of("rows", "csv", Map.of("filepath", "rows.csv", "checksum", checksum),
                dir));
    }

    private static ParquetDataset parquet(Path dir, Resources resources, boolean checksum) {
        return new ParquetDataset(DatasetConfig.of("rows", ParquetDataset.TYPE,
                Map.of("filepath", "rows.parquet", "checksum", checksum), dir, resources));
    }

    /** The CSV load of the build in {@code jar}, through its own classes (it has no checksum key). */
    private static Callable<Object> earlierCsvLoad(Path jar, Path dir, Type rowList) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        Class<?> config = loader.loadClass("io.sluice.io.DatasetConfig");
        Class<?> dataset = loader.loadClass("io.sluice.io.CsvDataset");
        Object cfg = config.getMethod("of", String.class, String.class, Map.class, Path.class)
                .invoke(null, "rows", "csv", Map.of("filepath", "rows.csv"), dir);
        Object csv = dataset.getConstructor(config).newInstance(cfg);
        Method load = dataset.getMethod("load", Type.class);
        return () -> load.invoke(csv, rowList);
    }

    private static void measure(List<Variant> group, int rounds, boolean record) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < group.size(); i++) {
                Variant v = group.get((r + i) % group.size());
                System.gc();
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                Object loaded = v.load().call();
                long[] t = {System.nanoTime() - wall, threads.getCurrentThreadCpuTime() - cpu};
                if (loaded == null) {
                    throw new IllegalStateException();
                }
                if (record) {
                    v.times().add(t);
                }
            }
        }
    }

    private static void report(List<Variant> group) {
        Map<String, double[]> medians = new LinkedHashMap<>();
        System.out.println();
        for (Variant v : group) {
            double wall = median(v.times().stream().mapToDouble(t -> t[0] / 1e6).toArray());
            double cpu = median(v.times().stream().mapToDouble(t -> t[1] / 1e6).toArray());
            medians.put(v.name(), new double[] {wall, cpu});
            System.out.printf(Locale.ROOT, "%-20s median wall %8.1f ms, cpu %8.1f ms (%d loads)%n", v.name(), wall,
                    cpu, v.times().size());
        }
        Variant reference = group.get(1);
        for (Variant v : group) {
            if (v == reference) {
                continue;
            }
            double[] wallRatios = new double[v.times().size()];
            double[] cpuRatios = new double[v.times().size()];
            for (int i = 0; i < wallRatios.length; i++) {
                wallRatios[i] = (double) v.times().get(i)[0] / reference.times().get(i)[0];
                cpuRatios[i] = (double) v.times().get(i)[1] / reference.times().get(i)[1];
            }
            System.out.printf(Locale.ROOT, "%s / %s: median of per-round ratios: wall %+.1f %%, cpu %+.1f %%%n",
                    v.name(), reference.name(), (median(wallRatios) - 1) * 100, (median(cpuRatios) - 1) * 100);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
