package io.sluice.bench;

import com.fasterxml.jackson.core.io.NumberInput;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.sluice.io.AtomicFiles;
import io.sluice.io.CsvDataset;
import io.sluice.io.DatasetConfig;
import io.sluice.run.RunContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The catalog's CSV dataset against FastCSV called directly with hand-written parsing, on a
 * 1,000,000-row, 5-column file (~58 MB). Targets: catalog load into {@code List<Row>} ≤ 0.6 s,
 * save ≤ 1.5 s, catalog within 10% of the direct calls.
 *
 * <p>The input file has a checksum record (it is written through {@link AtomicFiles}, as a save
 * would); {@code checksum} says whether the catalog entry checks it ({@code true}, the default
 * for files Sluice saved: the CRC32C is computed as FastCSV reads the bytes) or not
 * ({@code checksum: false}, the same path as a raw input without a record). Target: the check
 * costs ≤ 5 %.
 *
 * <p>The catalog save also checksums the bytes, forces the file to disk, writes the record and
 * renames both into place (atomic saves); the direct save only writes the file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class CsvBenchmark {
    /** One row of the benchmark file. */
    public record Row(long id, double a, double b, long c, String s) {
    }

    static final int ROWS = 1_000_000;
    /** {@code List<Row>}, as a node parameter would declare it. */
    public List<Row> declared;
    /** The type of {@link #declared}: what the benchmarks load their rows as. */
    static final Type ROW_LIST;

    static {
        try {
            ROW_LIST = CsvBenchmark.class.getField("declared").getGenericType();
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Whether the catalog load checks the file against its checksum record. */
    @Param({"true", "false"})
    public boolean checksum;

    private Path dir;
    private Path input;
    private Path directOutput;
    private CsvDataset catalogInput;
    private CsvDataset catalogOutput;
    private List<Row> rows;

    /** The {@link #ROWS} rows of every benchmark, seeded: the same values each time. */
    static List<Row> rows() {
        SplittableRandom random = new SplittableRandom(42);
        String[] words = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"};
        List<Row> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Row(i, random.nextDouble() * 1000, random.nextDouble(), random.nextLong(1_000_000),
                    words[random.nextInt(words.length)]));
        }
        return rows;
    }

    /** Writes {@code rows} with the header {@code id,a,b,c,s} through {@link AtomicFiles}, so it has a checksum record. */
    static void writeCsv(Path file, RunContext run, List<Row> rows) throws IOException {
        AtomicFiles.write(file, run, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            w.write("id,a,b,c,s\n");
            for (Row r : rows) {
                w.write(r.id() + "," + r.a() + "," + r.b() + "," + r.c() + "," + r.s() + "\n");
            }
            w.flush();
        });
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("sluice-csv-bench");
        input = dir.resolve("rows.csv");
        directOutput = dir.resolve("direct-out.csv");
        // written through AtomicFiles, as a save would, so that it has a checksum record
        writeCsv(input, new RunContext("bench", "bench", "local", Map.of(), dir), rows());
        catalogInput = new CsvDataset(DatasetConfig.of("rows", "csv", Map.of("filepath", "rows.csv",
                "checksum", checksum), dir));
        catalogOutput = new CsvDataset(DatasetConfig.of("out", "csv", Map.of("filepath", "catalog-out.csv"), dir));
        rows = directLoad();
        @SuppressWarnings("unchecked")
        List<Row> viaCatalog = (List<Row>) catalogInput.load(ROW_LIST);
        if (!viaCatalog.equals(rows) || rows.size() != ROWS) {
            throw new IllegalStateException("catalog and direct loads differ");
        }
        System.out.printf("%nfile: %,d bytes%n", Files.size(input));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Object catalogLoad() {
        return catalogInput.load(ROW_LIST);
    }

    @Benchmark
    public List<Row> fastcsvLoad() throws IOException {
        return directLoad();
    }

    @Benchmark
    public void catalogSave() {
        catalogOutput.save(rows);
    }

    @Benchmark
    public void fastcsvSave() throws IOException {
        try (CsvWriter w = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(directOutput)) {
            w.writeRecord("id", "a", "b", "c", "s");
            for (Row r : rows) {
                w.writeRecord(Long.toString(r.id()), Double.toString(r.a()), Double.toString(r.b()),
                        Long.toString(r.c()), r.s());
            }
        }
    }

    private List<Row> directLoad() throws IOException {
        List<Row> out = new ArrayList<>(ROWS);
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(input)) {
            boolean header = true;
            for (CsvRecord r : reader) {
                if (header) {
                    header = false;
                    continue;
                }
                // the same fast double parser the catalog uses (Jackson's bundled FastDoubleParser),
                // so the comparison measures the catalog's overhead, not the parser
                out.add(new Row(Long.parseLong(r.getField(0)), NumberInput.parseDouble(r.getField(1), true),
                        NumberInput.parseDouble(r.getField(2), true), Long.parseLong(r.getField(3)), r.getField(4)));
            }
        }
        return out;
    }
}
