package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.StringArrayHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast CSV load is the FastCSV load, faster: for every input it takes, the same rows; for
 * every input it does not, it steps aside ({@link CsvScanner.Unsupported}) and FastCSV decides.
 * Seeded random files, compared with FastCSV configured as {@link CsvDataset} configures it.
 */
class CsvFastLoadTest {
    /** A row type of every kind the fast path parses from bytes. */
    public record Typed(long id, int count, double price, String name) {
    }

    /** Rows of text only, two columns and one: every record of plain cells is read in one pass. */
    public record Words(String c0, String c1) {
    }

    public record Word(String c0) {
    }

    /** Doubles of every shape, a long and an int: the numbers read in one pass. */
    public record Measures(double x, long n, double y, int k) {
    }

    public List<Typed> typed;
    public List<Words> words;
    public List<Word> word;
    public List<Measures> measures;
    public List<Map<String, Object>> maps;

    @TempDir
    Path dir;

    private static Type typeOf(String field) {
        try {
            return RowMapper.elementType(CsvFastLoadTest.class.getField(field).getGenericType());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomTextFilesGiveFastCsvsCellsInOneThreadAndInMany(long seed) throws Exception {
        Random random = new Random(seed);
        String text = randomText(random, 40 + random.nextInt(400), random.nextBoolean());
        Path file = write(text, random.nextInt(4) == 0);
        List<List<String>> expected = fastCsv(file);
        for (int threads : new int[] {1, 2, 3, 7}) {
            List<Object> rows = fast(file, Object.class, threads, 64);
            assertThat(rows).as("threads %d:%n%s", threads, text).hasSize(expected.size() - 1);
            for (int r = 0; r < rows.size(); r++) {
                List<String> want = expected.get(r + 1);
                @SuppressWarnings("unchecked")
                Map<String, Object> got = (Map<String, Object>) rows.get(r);
                assertThat(new ArrayList<>(got.values())).as("row %d, threads %d", r + 1, threads).isEqualTo(want);
                assertThat(new ArrayList<>(got.keySet())).isEqualTo(expected.get(0));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112})
    void randomNumbersGiveTheTextPathsRecordsOrStepAside(long seed) throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("id,count,price,name\n");
        int rows = 300 + random.nextInt(300);
        boolean bad = seed % 2 == 0;
        for (int i = 0; i < rows; i++) {
            text.append(number(random, "long", bad)).append(',').append(number(random, "int", bad)).append(',')
                    .append(number(random, "double", bad)).append(',').append(random.nextInt(6) == 0 ? "\"a,\"\"b\"\"\"" : "w"
                    + random.nextInt(5)).append(random.nextInt(9) == 0 ? "\r\n" : "\n");
        }
        Path file = write(text.toString(), false);
        List<Object> expected;
        try {
            expected = reference(file, typeOf("typed"));
        } catch (DatasetException e) {
            expected = null;
        }
        for (int threads : new int[] {1, 4}) {
            if (expected == null) {
                assertThatThrownBy(() -> fast(file, typeOf("typed"), threads, 64))
                        .as("a file FastCSV's path refuses is left to it").isInstanceOf(CsvScanner.Unsupported.class);
            } else {
                assertThat(fast(file, typeOf("typed"), threads, 64)).as("threads %d", threads).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 215, 216})
    void randomTextFilesGiveTheTextPathsRecordsInOnePassOrStepAside(long seed) throws Exception {
        // Records of text cells, so that plain records are read in one pass and the others (quotes,
        // line breaks in quotes, CR, CRLF, empty lines, missing or extra cells) the general way,
        // in one thread and in several; width 1 makes empty lines look like empty cells.
        Random random = new Random(seed);
        int width = seed % 4 == 0 ? 1 : 2;
        String text = randomText(random, 40 + random.nextInt(400), random.nextBoolean(), width);
        if (seed % 3 == 0) {
            text = text.replaceFirst("\n([^\n]*)\n", "\n$1,extra\n"); // one row too wide, somewhere
        }
        Path file = write(text, seed % 5 == 0);
        Type element = typeOf(width == 1 ? "word" : "words");
        List<Object> expected;
        try {
            expected = reference(file, element);
        } catch (DatasetException e) {
            expected = null;
        }
        for (int threads : new int[] {1, 2, 5}) {
            if (expected == null) {
                assertThatThrownBy(() -> fast(file, element, threads, 64)).as("threads %d:%n%s", threads, text)
                        .isInstanceOf(CsvScanner.Unsupported.class);
            } else {
                assertThat(fast(file, element, threads, 64)).as("threads %d:%n%s", threads, text).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {301, 302, 303, 304, 305, 306})
    void randomDoublesOfEveryShapeAreReadBitForBit(long seed) throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("x,n,y,k\n");
        for (int i = 0; i < 3000; i++) {
            text.append(randomDouble(random)).append(',').append(random.nextLong() >> random.nextInt(64)).append(',')
                    .append(randomDouble(random)).append(',').append(random.nextInt() >> random.nextInt(32))
                    .append(random.nextInt(7) == 0 ? "\r\n" : "\n");
        }
        Path file = write(text.toString(), false);
        List<Object> expected = reference(file, typeOf("measures"));
        for (int threads : new int[] {1, 3}) {
            List<Object> got = fast(file, typeOf("measures"), threads, 256);
            assertThat(got).as("threads %d", threads).hasSize(expected.size());
            for (int r = 0; r < got.size(); r++) {
                Measures want = (Measures) expected.get(r);
                Measures have = (Measures) got.get(r);
                assertThat(Double.doubleToRawLongBits(have.x())).as("row %d x %s", r, want.x())
                        .isEqualTo(Double.doubleToRawLongBits(want.x()));
                assertThat(Double.doubleToRawLongBits(have.y())).as("row %d y %s", r, want.y())
                        .isEqualTo(Double.doubleToRawLongBits(want.y()));
                assertThat(have).isEqualTo(want);
            }
        }
    }

    @Test
    void aColumnNoComponentReadsIsScannedOverAndOtherDelimitersWork() throws Exception {
        StringBuilder text = new StringBuilder("name;unused;price;count;id\n");
        for (int i = 0; i < 500; i++) {
            text.append("n").append(i % 3).append(';').append(i % 2 == 0 ? "skip me" : "").append(';')
                    .append(i * 0.1).append(';').append(i).append(';').append(-i).append('\n');
        }
        Path file = write(text.toString(), false);
        for (int threads : new int[] {1, 3}) {
            List<Object> rows;
            try (FileChannel channel = FileChannel.open(file)) {
                rows = CsvFastLoad.load(channel, channel.size(), false, new CsvFastLoad.Settings(';', '"', false, threads,
                        0, 64), first -> plan(first, typeOf("typed"))).value();
            }
            assertThat(rows).hasSize(500);
            assertThat(rows.get(7)).isEqualTo(new Typed(-7, 7, 7 * 0.1, "n1"));
            assertThat(rows.get(498)).isEqualTo(new Typed(-498, 498, 498 * 0.1, "n0"));
        }
    }

    @Test
    void recordsAreBuiltByAHiddenClassHoldingTheConstructorAsAConstant() throws Throwable {
        RowMapper<Object> mapper = RowMapper.of(Typed.class, List.of("id", "count", "price", "name"),
                ColumnConversions.none(), "test");
        ArrayConstructor constructor = mapper.direct().constructor();
        assertThat(constructor.getClass().isHidden()).isTrue();
        assertThat(constructor.construct(new long[] {4, 5, 0, 0}, new double[] {0, 0, 2.5, 0},
                new Object[] {null, null, null, "x"})).isEqualTo(new Typed(4, 5, 2.5, "x"));
        assertThat(RowMapper.of(Typed.class, List.of("name", "price", "count", "id"), ColumnConversions.none(), "test")
                .direct().constructor()).as("one per record class").isSameAs(constructor);
    }

    @Test
    void quotedLineBreaksAcrossStretchBoundariesAreJoinedRight() throws Exception {
        // Every record holds line feeds inside quotes, so most stretches guess their first
        // record wrong and must be parsed again from where the stretch before stopped.
        StringBuilder text = new StringBuilder("id,count,price,name\n");
        for (int i = 0; i < 2000; i++) {
            text.append(i).append(',').append(i % 7).append(',').append(i / 8.0).append(",\"line\none ")
                    .append(i).append("\nline two\"\n");
        }
        Path file = write(text.toString(), false);
        List<Object> expected = reference(file, typeOf("typed"));
        for (int threads : new int[] {2, 5, 16}) {
            assertThat(fast(file, typeOf("typed"), threads, 100)).as("threads %d", threads).isEqualTo(expected);
        }
    }

    @Test
    void aRecordLongerThanTheReadBufferIsReadWhole() throws Exception {
        // One quoted cell of 3 MiB (three times the scanner's block) with line breaks and doubled
        // quotes inside, between ordinary rows, read by one thread and by several.
        String big = "x\"\"y\n".repeat(3 * CsvScanner.BLOCK / 5);
        String text = "id,count,price,name\n1,1,1.5,a\n2,2,2.5,\"" + big + "\"\n3,3,3.5,c\n";
        Path file = write(text, false);
        List<Object> expected = reference(file, typeOf("typed"));
        assertThat(((Typed) expected.get(1)).name()).hasSize(big.length() - big.length() / 5);
        for (int threads : new int[] {1, 3}) {
            assertThat(fast(file, typeOf("typed"), threads, 1 << 20)).as("threads %d", threads).isEqualTo(expected);
        }
    }

    @Test
    void theChecksumOfStretchesIsTheChecksumOfTheFile() throws Exception {
        Random random = new Random(7);
        Path file = write(randomText(random, 3000, true), false);
        byte[] bytes = Files.readAllBytes(file);
        CRC32C whole = new CRC32C();
        whole.update(bytes);
        for (int threads : new int[] {1, 2, 3, 8}) {
            try (FileChannel channel = FileChannel.open(file)) {
                FileLocation.Parsed<List<Object>> parsed = CsvFastLoad.load(channel, bytes.length, true,
                        settings(threads, 256), first -> plan(first, Object.class));
                assertThat(parsed.size()).isEqualTo(bytes.length);
                assertThat(parsed.crc()).as("threads %d", threads).isEqualTo(whole.getValue());
            } catch (CsvScanner.Unsupported e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void crc32cOfTwoPiecesCombinesToTheWhole() {
        Random random = new Random(3);
        for (int round = 0; round < 50; round++) {
            byte[] data = new byte[random.nextInt(5000)];
            random.nextBytes(data);
            int cut = data.length == 0 ? 0 : random.nextInt(data.length + 1);
            CRC32C a = new CRC32C();
            a.update(data, 0, cut);
            CRC32C b = new CRC32C();
            b.update(data, cut, data.length - cut);
            CRC32C whole = new CRC32C();
            whole.update(data);
            assertThat(Crc32c.combine(a.getValue(), b.getValue(), data.length - cut)).isEqualTo(whole.getValue());
        }
    }

    @Test
    void syntaxFastCsvReadsItsOwnWayIsLeftToFastCsv() throws Exception {
        for (String text : List.of("a,b\n1,x\"y\n", "a,b\n1,\"x\"y\n", "a,b\n1,\"never closed\n")) {
            Path file = write(text, false);
            assertThatThrownBy(() -> fast(file, Object.class, 1, 64)).as(text)
                    .isInstanceOf(CsvScanner.Unsupported.class);
        }
    }

    @Test
    void rowsOfTheWrongWidthAreLeftToFastCsvsPathWhichNamesTheLine() throws Exception {
        Path file = write("id,count,price,name\n1,2,3.5,a\n2,3,4.5\n", false);
        assertThatThrownBy(() -> fast(file, typeOf("typed"), 1, 64)).isInstanceOf(CsvScanner.Unsupported.class);
    }

    @Test
    void repeatedShortTextsShareOneStringPerColumn() throws Exception {
        StringBuilder text = new StringBuilder("id,count,price,name\n");
        for (int i = 0; i < 1000; i++) {
            text.append(i).append(",1,2.5,").append(i % 2 == 0 ? "even" : "odd").append('\n');
        }
        List<Object> rows = fast(write(text.toString(), false), typeOf("typed"), 1, 64);
        Typed first = (Typed) rows.get(0);
        Typed third = (Typed) rows.get(2);
        assertThat(third.name()).isEqualTo("even").isSameAs(first.name());
    }

    @Test
    void theDatasetLoadsALargeFileInParallelAndChecksItsRecord() throws Exception {
        // Over 4 MiB, so that the dataset itself splits it: saved with a checksum record, loaded
        // equal, then damaged in the second half (same size) and refused.
        Path file = dir.resolve("big.csv");
        StringBuilder text = new StringBuilder("id,count,price,name\n");
        int rows = 0;
        while (text.length() < (5 << 20)) {
            text.append(rows).append(',').append(rows % 100).append(',').append(rows * 0.25).append(",n")
                    .append(rows % 13).append('\n');
            rows++;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        CsvDataset dataset = new CsvDataset(DatasetConfig.of("big", "csv", Map.of("filepath", "big.csv"), dir));
        @SuppressWarnings("unchecked")
        List<Typed> loaded = (List<Typed>) dataset.load(typedListType());
        assertThat(loaded).hasSize(rows);
        assertThat(loaded.get(rows - 1)).isEqualTo(new Typed(rows - 1, (rows - 1) % 100, (rows - 1) * 0.25,
                "n" + ((rows - 1) % 13)));

        int at = bytes.length - 1000;
        bytes[at] = (byte) (bytes[at] == '1' ? '2' : '1');
        Files.write(file, bytes);
        assertThatThrownBy(() -> dataset.load(typedListType())).isInstanceOf(ChecksumMismatchException.class);
    }

    private static Type typedListType() {
        try {
            return CsvFastLoadTest.class.getField("typed").getGenericType();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    // --- helpers -------------------------------------------------------------------------

    private Path write(String text, boolean byteOrderMark) throws IOException {
        Path file = Files.createTempFile(dir, "rows", ".csv");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        if (byteOrderMark) {
            byte[] withMark = new byte[body.length + 3];
            withMark[0] = (byte) 0xEF;
            withMark[1] = (byte) 0xBB;
            withMark[2] = (byte) 0xBF;
            System.arraycopy(body, 0, withMark, 3, body.length);
            body = withMark;
        }
        Files.write(file, body);
        return file;
    }

    private static CsvFastLoad.Settings settings(int threads, long minStretch) {
        return new CsvFastLoad.Settings(',', '"', false, threads, 0, minStretch);
    }

    private static List<Object> fast(Path file, Type element, int threads, long minStretch)
            throws IOException, CsvScanner.Unsupported {
        try (FileChannel channel = FileChannel.open(file)) {
            return CsvFastLoad.load(channel, channel.size(), false, settings(threads, minStretch),
                    first -> plan(first, element)).value();
        }
    }

    private static CsvFastLoad.Plan plan(String[] header, Type element) {
        return new CsvFastLoad.Plan(RowMapper.of(element, List.of(header), ColumnConversions.none(), "test"),
                header.length, null, false);
    }

    private static CsvReader.CsvReaderBuilder fastCsvAsTheDatasetConfiguresIt() {
        return CsvReader.builder().fieldSeparator(',').quoteCharacter('"').skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).detectBomHeader(true);
    }

    private static List<List<String>> fastCsv(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader<String[]> reader = fastCsvAsTheDatasetConfiguresIt().build(StringArrayHandler.of(),
                new ByteArrayInputStream(Files.readAllBytes(file)), StandardCharsets.UTF_8)) {
            for (String[] row : reader) {
                rows.add(List.of(row));
            }
        }
        return rows;
    }

    /** Rows as CsvDataset's FastCSV path maps them: the text cells through {@link RowMapper#mapText}. */
    private static List<Object> reference(Path file, Type element) throws IOException {
        List<List<String>> cells = fastCsv(file);
        RowMapper<Object> mapper = RowMapper.of(element, cells.get(0), ColumnConversions.none(), "test");
        List<Object> rows = new ArrayList<>();
        for (int i = 1; i < cells.size(); i++) {
            if (cells.get(i).size() != cells.get(0).size()) {
                throw new DatasetException("width");
            }
            rows.add(mapper.mapText(cells.get(i).toArray(String[]::new), i));
        }
        return rows;
    }

    /** A file of random width and random cells: quotes, line breaks inside them, CRLF, CR, blank lines, Unicode. */
    private static String randomText(Random random, int records, boolean endWithLineBreak) {
        return randomText(random, records, endWithLineBreak, 1 + random.nextInt(6));
    }

    private static String randomText(Random random, int records, boolean endWithLineBreak, int width) {
        StringBuilder text = new StringBuilder();
        for (int c = 0; c < width; c++) {
            text.append(c == 0 ? "" : ",").append("c").append(c);
        }
        text.append(lineBreak(random));
        for (int r = 0; r < records; r++) {
            if (random.nextInt(20) == 0) {
                text.append(lineBreak(random)); // an empty line, skipped
            }
            for (int c = 0; c < width; c++) {
                if (c > 0) {
                    text.append(',');
                }
                text.append(cell(random));
            }
            if (r < records - 1 || endWithLineBreak) {
                text.append(lineBreak(random));
            }
        }
        String s = text.toString();
        // a last record of one empty cell would be an empty line; keep the count simple
        return width == 1 && s.endsWith("\n") ? s + "end\n" : s;
    }

    private static String lineBreak(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> "\r\n";
            case 1 -> "\r";
            default -> "\n";
        };
    }

    private static String cell(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> "\"a,b\"";
            case 2 -> "\"say \"\"hi\"\"\"";
            case 3 -> "\"two\nlines\r\nthree\"";
            case 4 -> "\"\"";
            case 5 -> "ünï€😀";
            case 6 -> "w" + random.nextInt(4);
            case 7 -> Long.toString(random.nextLong());
            default -> "text " + random.nextInt(1000);
        };
    }

    /** A double as files hold them: Java's and other spellings, any magnitude, subnormal, 17-19 digits. */
    private static String randomDouble(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE >>> 1));
            case 1 -> Double.toString(random.nextDouble() * 1000);
            case 2 -> new java.math.BigDecimal(random.nextDouble()).round(new java.math.MathContext(1 + random.nextInt(20)))
                    .toPlainString();
            case 3 -> (random.nextBoolean() ? "-" : "") + Long.toUnsignedString(random.nextLong()) + "e"
                    + (random.nextInt(700) - 350);
            case 4 -> Double.toString(Double.MIN_VALUE * random.nextInt(1000));
            case 5 -> String.format(java.util.Locale.ROOT, "%.3f", random.nextGaussian() * 100);
            case 6 -> "0.000" + Math.abs(random.nextLong());
            default -> Double.toString(-random.nextDouble());
        };
    }

    /**
     * A cell for a number column: mostly valid in unusual spellings (both paths must agree on
     * those), and with {@code bad}, now and then one that does not convert.
     */
    private static String number(Random random, String kind, boolean bad) {
        if (bad && random.nextInt(150) == 0) {
            return switch (random.nextInt(5)) {
                case 0 -> "";
                case 1 -> "-";
                case 2 -> "12x";
                case 3 -> kind.equals("int") ? "12345678901" : "1.5.5";
                default -> kind.equals("double") ? "1e" : "1.5";
            };
        }
        return switch (random.nextInt(kind.equals("double") ? 12 : 9)) {
            case 0 -> "-0";
            case 1 -> "+5";
            case 2 -> "007";
            case 3 -> "\"42\"";
            case 4 -> kind.equals("int") ? Integer.toString(Integer.MAX_VALUE) : "9223372036854775807";
            case 5 -> kind.equals("int") ? Integer.toString(Integer.MIN_VALUE) : "-9223372036854775808";
            case 6 -> kind.equals("int") ? Integer.toString(random.nextInt()) : Long.toString(random.nextLong());
            case 7 -> Integer.toString(random.nextInt(1000));
            case 8 -> kind.equals("double") ? List.of("NaN", "-Infinity", " 5 ", "0x1p3", "5d", "1e400")
                    .get(random.nextInt(6)) : "123456789";
            case 9 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 10 -> random.nextBoolean() ? ".5" : "5.";
            default -> random.nextBoolean() ? "123456789012345678901234567890.5e-3" : "-1.5E+7";
        };
    }
}
