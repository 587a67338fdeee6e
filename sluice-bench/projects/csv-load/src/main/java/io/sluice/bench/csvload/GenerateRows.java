package io.sluice.bench.csvload;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;

/**
 * Writes the benchmark input: {@code id,a,b,c,s}, 1,000,000 rows (or the count given), seeded, so
 * every run writes the same bytes — the same rows and format as {@code CsvBenchmark}'s file in
 * sluice-bench (that one also gets a checksum record; this one, like raw input, has none).
 *
 * <pre>{@code java -cp target/classes io.sluice.bench.csvload.GenerateRows data/rows.csv [rows]}</pre>
 *
 * Plain JDK only: it runs on the project's classes directory alone.
 */
public final class GenerateRows {
    private GenerateRows() {
    }

    /** {@code FILE [ROWS]}. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: GenerateRows FILE [ROWS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]).toAbsolutePath();
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        SplittableRandom random = new SplittableRandom(42);
        String[] words = {"alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"};
        try (BufferedWriter w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8), 1 << 16)) {
            w.write("id,a,b,c,s\n");
            for (int i = 0; i < count; i++) {
                w.write(Long.toString(i));
                w.write(',');
                w.write(Double.toString(random.nextDouble() * 1000));
                w.write(',');
                w.write(Double.toString(random.nextDouble()));
                w.write(',');
                w.write(Long.toString(random.nextLong(1_000_000)));
                w.write(',');
                w.write(words[random.nextInt(words.length)]);
                w.write('\n');
            }
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
