package io.sluice.bench;

import io.sluice.io.CsvDataset;
import io.sluice.io.DatasetConfig;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads one CSV file through the catalog's {@link CsvDataset} into {@code List<CsvBenchmark.Row>}
 * several times in one JVM and prints each load's wall time: the warmed side of
 * {@code paired-bench.sh warm}, lighter than {@link CsvBenchmark} (no file to generate, no
 * direct-FastCSV comparison, any file with the columns {@code id,a,b,c,s}).
 *
 * <pre>{@code java -cp sluice-bench/target/benchmarks.jar io.sluice.bench.WarmCsvLoad FILE [LOADS]}</pre>
 *
 * <p>One line per load: {@code sluice-bench: warm load N 456.789 ms 1000000 rows}. The file is
 * read as a raw input would be (no checksum record is expected; one that exists is checked).
 */
public final class WarmCsvLoad {
    private WarmCsvLoad() {
    }

    /** {@code FILE [LOADS]}, 10 loads by default. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WarmCsvLoad FILE [LOADS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Type rowList = CsvBenchmark.ROW_LIST;
        CsvDataset dataset = new CsvDataset(DatasetConfig.of("rows", "csv",
                Map.of("filepath", file.getFileName().toString()), file.getParent()));
        for (int i = 1; i <= loads; i++) {
            long start = System.nanoTime();
            List<?> rows = (List<?>) dataset.load(rowList);
            long end = System.nanoTime();
            System.out.printf(Locale.ROOT, "sluice-bench: warm load %d %.3f ms %d rows%n", i, (end - start) / 1e6,
                    rows.size());
        }
    }
}
