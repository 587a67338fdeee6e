package io.sluice.bench.csvload;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints the wall time of every catalog load and save of a run, from the hook call before it to
 * the hook call after it, one parseable line each:
 *
 * <pre>{@code sluice-bench: load rows 1234.567 ms 1000000 rows}</pre>
 *
 * <p>Before the run it prints the JVM the launcher chose, with its options (system properties
 * left out) and maximum heap: {@code sluice-bench: jvm 17.0.15 /usr/lib/jvm/... -XX:... max heap 5.9 GiB}.
 *
 * <p>This is the time a node waits for its data: opening the file, parsing, mapping every row
 * into a record (and, for saves, writing, checksumming, forcing to disk and renaming). JVM start,
 * compiling the session and running the node are outside it.
 */
public final class DatasetTimer implements Hook {
    private final PrintStream out;
    private final Map<String, Long> started = new ConcurrentHashMap<>();

    /** Prints to {@code out}. */
    public DatasetTimer(PrintStream out) {
        this.out = out;
    }

    @Override
    public void beforePipelineRun(RunContext run, Pipeline pipeline) {
        List<String> options = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-D")).toList();
        out.printf(Locale.ROOT, "sluice-bench: jvm %s %s %s max heap %.1f GiB%n", System.getProperty("java.version"),
                System.getProperty("java.home"), String.join(" ", options),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30));
        out.flush();
    }

    @Override
    public void beforeDatasetLoaded(RunContext run, String dataset, Node node) {
        started.put("load " + dataset, System.nanoTime());
    }

    @Override
    public void afterDatasetLoaded(RunContext run, String dataset, Object data, Node node) {
        report("load " + dataset, data);
    }

    @Override
    public void beforeDatasetSaved(RunContext run, String dataset, Object data, Node node) {
        started.put("save " + dataset, System.nanoTime());
    }

    @Override
    public void afterDatasetSaved(RunContext run, String dataset, Object data, Node node) {
        report("save " + dataset, data);
    }

    private void report(String what, Object data) {
        long end = System.nanoTime();
        Long start = started.remove(what);
        if (start == null) {
            return;
        }
        String size = data instanceof List<?> l ? " " + l.size() + " rows" : "";
        out.printf(Locale.ROOT, "sluice-bench: %s %.3f ms%s%n", what, (end - start) / 1e6, size);
        out.flush();
    }
}
