package io.sluice.bench.csvload;

/** One row of the benchmark file, the same shape as {@code CsvBenchmark.Row} in sluice-bench. */
public record Row(long id, double a, double b, long c, String s) {
}
