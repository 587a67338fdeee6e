package io.sluice.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import de.siegmar.fastcsv.reader.StringArrayHandler;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.sluice.Suggestions;
import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CSV file, read and written with FastCSV, rows mapped by {@link RowMapper}.
 *
 * <p><b>Rows.</b> {@link #load(Type)} with a target {@code List<R>} (or {@code Collection<R>},
 * {@code Iterable<R>}) maps each data row onto {@code R} by column name: a record, a POJO or a
 * {@code Map<String, V>}; the conversions (numbers, booleans, dates, enums, empty cells) are
 * those of {@link RowMapper}. Consumers that declare no type ({@code Object}, a raw
 * {@code List}) and {@link #load()} get the <em>default rows</em>: {@code List<Map<String,Object>>},
 * one insertion-ordered map per data row, keys in column order, every cell a {@code String}
 * (an empty cell is {@code ""}, an absent trailing cell {@code null}), except the columns listed
 * under {@code load_args.parse}, which hold the converted value ({@code Double} for currency and
 * percent, {@code Boolean} for boolean). Errors name the file, the row number (data rows
 * counted from 1, the header excluded), the column, the value and the field.
 *
 * <p><b>Row widths.</b> Every row must have as many fields as the header (without a header: as
 * {@code load_args.columns}, else the first row). A row with fewer fields is an error naming the
 * line and both counts — a short last row of a file that does not end with a line break is
 * reported as a file cut off mid-row — unless {@code load_args.allow_missing_fields: true}, which
 * loads the missing trailing fields as {@code null}. A row with more fields is always an error:
 * its values cannot be placed, and the usual causes (an unquoted delimiter inside a value, the
 * wrong delimiter) would shift them silently. A header-only file loads as no rows; a file without
 * even a header line is an error when {@code header} is true.
 *
 * <p><b>Checksums.</b> The bytes are checked against the file's checksum record as they are read
 * (see {@link FileLocation#read} and {@link FileLocation#readDirect}); a mismatch fails the load.
 *
 * <p><b>Speed.</b> UTF-8 files (the default encoding) with an ASCII delimiter and quote are read
 * by {@link CsvFastLoad}: bytes parsed straight into rows, files of 4 MiB and more by one thread
 * per processor, repeated short texts shared. Anything it does not read exactly as FastCSV would
 * goes back to FastCSV, so the rows and the errors are the same either way; other encodings are
 * read by FastCSV.
 *
 * <p><b>Catalog keys.</b> {@code filepath} (required), {@code versioned} (see
 * {@link FileLocation}); {@code load_args}: {@code delimiter} (default {@code ,}),
 * {@code header} (default true; without a header the columns are named by {@code columns} or
 * else {@code "0"}, {@code "1"}…), {@code allow_missing_fields} (default false, see above),
 * {@code quote_char} (default {@code "}), {@code encoding}
 * (default UTF-8; a byte order mark is honoured and dropped), {@code columns} (the columns to
 * keep, in this order), {@code parse} (column → {@code currency}, {@code percent} or
 * {@code boolean}: see {@link Conversion}); {@code save_args}: {@code delimiter},
 * {@code header}, {@code quote_char}, {@code encoding}, {@code columns} (which columns to write,
 * in this order; by default every component of the records, or every key of the maps in
 * first-seen order).
 *
 * <p>{@link #save} accepts a list of maps, records or POJOs (see {@link RowExtractor}); cells
 * must be single values, written with {@code toString} ({@code BigDecimal} as plain digits,
 * {@code null} and empty {@code Optional} as an empty cell). Lines end with {@code \n}; cells are
 * quoted only when they need it. Saves are atomic.
 */
public final class CsvDataset extends FileDataset<List<?>> {
    /** A save reports its progress every this many rows. */
    private static final int ROWS_REPORTED = 4096;
    private final Options load;
    private final Options save;
    private final ColumnConversions conversions;
    private final boolean allowMissingFields;

    /** Delimiter, header, quote, encoding and column selection for one direction. */
    private record Options(char delimiter, boolean header, char quote, Charset encoding, List<String> columns) {
        static Options from(DatasetConfig section, DatasetConfig root) {
            return new Options(section.character("delimiter", ','), section.bool("header", true),
                    section.character("quote_char", '"'), Encodings.charset(section, "encoding"),
                    columns(section, root));
        }

        private static List<String> columns(DatasetConfig section, DatasetConfig root) {
            List<String> columns = section.stringList("columns");
            if (new LinkedHashSet<>(columns).size() != columns.size()) {
                throw new DatasetConfigException(section.location("columns") + ": " + root.configSubject()
                        + ": columns lists a column twice: " + columns + ".");
            }
            return columns;
        }
    }

    /** Built from a catalog entry. */
    public CsvDataset(DatasetConfig config) {
        this(config, Options.from(config.section("load_args"), config),
                ColumnConversions.from(config.section("load_args"), "parse"),
                config.section("load_args").bool("allow_missing_fields", false),
                Options.from(config.section("save_args"), config));
    }

    // load_args and save_args are read before filepath (in the this(...) arguments), as they always were.
    private CsvDataset(DatasetConfig config, Options load, ColumnConversions conversions, boolean allowMissingFields,
                       Options save) {
        super(config);
        this.load = load;
        this.conversions = conversions;
        this.allowMissingFields = allowMissingFields;
        this.save = save;
    }

    /** The default rows, {@code List<Map<String,Object>>}; see the class documentation. */
    @Override
    public List<?> load() {
        return read(outside(), Object.class);
    }

    @Override
    public Object load(Type target) {
        return load(outside(), target);
    }

    @Override
    public Object load(RunContext run, Type target) {
        Type element = RowMapper.elementType(target);
        if (element == null) {
            throw new DatasetException(config.subject() + " loads a list of rows, which cannot be passed as "
                    + Jackson.display(target) + ". Declare it as List<Map<String, String>> or List<YourRecord>.");
        }
        return read(run, element);
    }

    /** Only lists of records, POJOs or maps, and untyped consumers. */
    @Override
    public Optional<String> incompatibility(Type target) {
        return RowMapper.rowListIncompatibility(target);
    }

    private List<Object> read(RunContext run, Type element) {
        if (fastPathApplies()) {
            Optional<List<Object>> rows = location.readDirect(run,
                    (channel, path, size, checksum) -> fastParse(run, channel, path, size, checksum, element));
            if (rows.isPresent()) {
                return rows.get();
            }
        }
        // The bytes are checked against the file's checksum record as FastCSV reads them: no
        // second read of the file.
        return location.read(run, (in, path) -> parse(in, path, element));
    }

    /** UTF-8 with ASCII delimiter and quote: the files {@link CsvFastLoad} reads. */
    private boolean fastPathApplies() {
        char d = load.delimiter();
        char q = load.quote();
        return StandardCharsets.UTF_8.equals(load.encoding()) && d < 0x80 && q < 0x80 && d != q
                && d != '\n' && d != '\r' && q != '\n' && q != '\r';
    }

    /** The rows by {@link CsvFastLoad}, or null to have FastCSV read the file (see there). */
    private FileLocation.Parsed<List<Object>> fastParse(RunContext run, FileChannel channel, Path path, long size,
                                                        boolean checksum, Type element) throws IOException {
        try (Progress.Task progress = Progress.start(run, config.name(), "loading", size, Progress.Unit.BYTES)) {
            return CsvFastLoad.load(channel, size, checksum,
                    CsvFastLoad.Settings.of(load.delimiter(), load.quote(), allowMissingFields),
                    first -> plan(first, path, element), progress);
        } catch (CsvScanner.Unsupported e) {
            return null;
        }
    }

    /**
     * What the first record of the file (its header, or its first data row) makes of the rest:
     * column names, selection, the checks of load_args against them, and the mapper.
     */
    private CsvFastLoad.Plan plan(String[] first, Path path, Type element) {
        String where = config.subject() + ": " + config.display(path);
        List<String> names = load.header() ? List.of(first) : defaultNames(first.length);
        int[] keep = selection(names, path);
        List<String> columns = keep == null ? names : load.columns();
        checkParseColumns(names, path);
        return new CsvFastLoad.Plan(RowMapper.of(element, columns, conversions, where), names.size(), keep,
                !load.header());
    }

    private List<Object> parse(InputStream in, Path path, Type element) throws IOException {
        String where = config.subject() + ": " + config.display(path);
        // Rows whose width differs from the header's are checked here rather than by FastCSV, so
        // that the error can name the line and the widths.
        CsvReader<String[]> reader = readerBuilder().build(StringArrayHandler.of(), in, load.encoding());
        try (reader) {
            var it = reader.iterator();
            if (!it.hasNext()) {
                if (load.header()) {
                    throw new DatasetException(where + " is empty" + (sizeOf(path) == 0 ? " (0 bytes)" : "")
                            + ": it has no header line, so it has no columns either. A CSV file holds at least its"
                            + " header; write the header to load no rows, or set load_args.header: false if the"
                            + " file has none.");
                }
                return new ArrayList<>();
            }
            String[] first = it.next();
            CsvFastLoad.Plan plan = plan(first, path, element);
            RowMapper<Object> mapper = plan.mapper();
            int[] keep = plan.keep();
            List<Object> rows = new ArrayList<>(estimateRows(path));
            int width = plan.width();
            long rowNumber = 0;
            if (!load.header()) {
                rowNumber++;
                if (first.length != width && (first.length > width || !allowMissingFields)) {
                    throw wrongWidth(path, names(first), rowNumber, first.length, !it.hasNext());
                }
                rows.add(mapText(mapper, row(first, keep), rowNumber));
            }
            while (it.hasNext()) {
                String[] cells = it.next();
                rowNumber++;
                if (cells.length != width && (cells.length > width || !allowMissingFields)) {
                    throw wrongWidth(path, names(first), rowNumber, cells.length, !it.hasNext());
                }
                rows.add(mapText(mapper, row(cells, keep), rowNumber));
            }
            return rows;
        } catch (CsvParseException e) {
            throw new DatasetException(where + " is not valid CSV: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Object mapText(RowMapper<Object> mapper, Object[] values, long rowNumber) {
        return values instanceof String[] cells ? mapper.mapText(cells, rowNumber) : mapper.map(values, rowNumber);
    }

    /** The column names the first record gives. */
    private List<String> names(String[] first) {
        return load.header() ? List.of(first) : defaultNames(first.length);
    }

    /** The values of one record, in mapper column order; the cells array itself when nothing is selected. */
    static Object[] row(String[] cells, int[] keep) {
        if (keep == null) {
            return cells;
        }
        Object[] values = new Object[keep.length];
        for (int i = 0; i < keep.length; i++) {
            values[i] = keep[i] < cells.length ? cells[keep[i]] : null;
        }
        return values;
    }

    /**
     * A row wider or narrower than the header: the line it starts on (found by reading the file
     * again, only now), both widths, and what to do. A short last row of a file that does not end
     * with a line break is a file cut off in the middle of a row.
     */
    private DatasetException wrongWidth(Path path, List<String> names, long rowNumber, int found, boolean last) {
        long line = lineOf(path, rowNumber);
        String at = config.subject() + ": " + config.display(path) + " line " + (line > 0 ? line : "?") + " (row "
                + rowNumber + ") has " + found + " field" + (found == 1 ? "" : "s") + ", but the "
                + (load.header() ? "header" : load.columns().isEmpty() ? "first row" : "load_args.columns list")
                + " has " + names.size() + " (" + String.join(", ", names) + ").";
        if (found > names.size()) {
            return new DatasetException(at + " Fix the row (a value holding the delimiter must be quoted) or the"
                    + " delimiter (load_args.delimiter is '" + load.delimiter() + "').");
        }
        if (last && !endsWithLineBreak(path)) {
            return new DatasetException(at + " The file ends in the middle of this row: it was cut off (an"
                    + " interrupted copy or download?). Get the whole file again.");
        }
        return new DatasetException(at + " Fix the row, or set load_args.allow_missing_fields: true to load the"
                + " missing trailing fields as empty (null).");
    }

    /**
     * FastCSV as loads use it: this entry's delimiter and quote; rows of any width, since their
     * widths are checked here, where the error can name the line.
     */
    private CsvReader.CsvReaderBuilder readerBuilder() {
        return CsvReader.builder()
                .fieldSeparator(load.delimiter())
                .quoteCharacter(load.quote())
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .detectBomHeader(true);
    }

    /** The line on which data row {@code rowNumber} starts, or 0 when it cannot be told. */
    private long lineOf(Path path, long rowNumber) {
        long record = load.header() ? rowNumber : rowNumber - 1;
        try (CsvReader<CsvRecord> reader = readerBuilder().build(CsvRecordHandler.of(), path, load.encoding())) {
            long index = 0;
            for (CsvRecord r : reader) {
                if (index++ == record) {
                    return r.getStartingLineNumber();
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The file's size, or -1 when it cannot be told (an object streamed from storage has no local file). */
    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean endsWithLineBreak(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) == '\n' || last.get(0) == '\r';
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Rows in the file, guessed from the line density of its first 64 KiB, so the list is built
     * without regrowing (a wrong guess costs a copy, nothing more).
     */
    private static int estimateRows(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            long size = Files.size(path);
            byte[] head = in.readNBytes(64 * 1024);
            int lines = 0;
            for (byte b : head) {
                if (b == '\n') {
                    lines++;
                }
            }
            if (head.length == 0 || lines == 0) {
                return 16;
            }
            long estimate = size * lines / head.length + 16;
            return (int) Math.min(estimate + estimate / 16, 1 << 28);
        } catch (IOException e) {
            return 16;
        }
    }

    private List<String> defaultNames(int width) {
        if (!load.columns().isEmpty()) {
            return load.columns();
        }
        List<String> names = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** Indexes of the columns to keep, in output order; null to keep every column as it is. */
    private int[] selection(List<String> names, Path path) {
        if (load.columns().isEmpty() || load.columns().equals(names)) {
            return null;
        }
        List<String> wanted = load.columns();
        int[] keep = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            keep[i] = names.indexOf(wanted.get(i));
            if (keep[i] < 0) {
                throw new DatasetException(config.subject() + ": column '" + wanted.get(i)
                        + "' listed in load_args.columns is not in " + config.display(path) + ". Columns there: "
                        + String.join(", ", names) + "." + Suggestions.didYouMean(wanted.get(i), names));
            }
        }
        return keep;
    }

    private void checkParseColumns(List<String> names, Path path) {
        for (String column : conversions.byColumn().keySet()) {
            if (!names.contains(column)) {
                throw new DatasetException(config.subject() + ": column '" + column
                        + "' listed in load_args.parse is not in " + config.display(path) + ". Columns there: "
                        + String.join(", ", names) + "." + Suggestions.didYouMean(column, names));
            }
        }
    }

    /** Saves a list of maps, records or POJOs, one row each. */
    @Override
    public void save(List<?> data) {
        save(outside(), data);
    }

    /** Saves a list of maps, records or POJOs, one row each. */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void save(RunContext run, List<?> data) {
        if (data == null) {
            throw FileSupport.wrongData(config, null, "a list of maps or records");
        }
        Object first = null;
        for (int i = 0; i < data.size() && first == null; i++) {
            first = data.get(i);
            if (first == null) {
                throw new DatasetException(config.subject() + ": cannot save row " + (i + 1) + ": it is null.");
            }
        }
        RowExtractor extractor;
        try {
            extractor = first == null ? null
                    : RowExtractor.of(first instanceof Map ? Map.class : first.getClass(), data);
        } catch (DatasetException e) {
            throw new DatasetException(config.subject() + ": cannot save row 1: " + e.getMessage() + ".", e);
        }
        List<String> available = extractor == null ? List.of() : extractor.columns();
        List<String> columns = save.columns().isEmpty() ? available : save.columns();
        int[] pick = new int[columns.size()];
        for (int i = 0; i < pick.length; i++) {
            pick[i] = available.indexOf(columns.get(i));
            if (pick[i] < 0 && extractor != null && !(first instanceof Map)) {
                throw new DatasetException(config.subject() + ": save_args.columns lists '" + columns.get(i)
                        + "', which " + first.getClass().getSimpleName() + " does not have. Its columns: "
                        + String.join(", ", available) + "." + Suggestions.didYouMean(columns.get(i), available));
            }
        }
        boolean identity = columns.equals(available);
        CsvWriter.CsvWriterBuilder builder = CsvWriter.builder()
                .fieldSeparator(save.delimiter())
                .quoteCharacter(save.quote())
                .lineDelimiter(LineDelimiter.LF);
        // rows written of the list's size, reported every ROWS_REPORTED rows (the bytes are not counted too)
        location.save(run, out -> {
            try (CsvWriter csv = builder.build(new OutputStreamWriter(out, save.encoding()));
                 Progress.Task progress = Progress.start(run, config.name(), "saving", data.size(), Progress.Unit.ROWS)) {
                if (save.header() && !columns.isEmpty()) {
                    csv.writeRecord(columns);
                }
                String[] cells = new String[columns.size()];
                int reported = 0;
                for (int r = 0; r < data.size(); r++) {
                    if (r - reported == ROWS_REPORTED) {
                        progress.add(ROWS_REPORTED);
                        reported = r;
                    }
                    Object item = data.get(r);
                    if (item == null) {
                        throw new DatasetException(config.subject() + ": cannot save row " + (r + 1)
                                + ": it is null.");
                    }
                    if (identity && extractor.textCells(item, cells)) {
                        csv.writeRecord(cells);
                        continue;
                    }
                    Object[] values;
                    try {
                        values = extractor.values(item);
                    } catch (DatasetException e) {
                        throw new DatasetException(config.subject() + ": cannot save row " + (r + 1) + ": "
                                + e.getMessage() + ".", e);
                    }
                    for (int i = 0; i < cells.length; i++) {
                        Object v = identity ? values[i] : pick[i] < 0 ? null : values[pick[i]];
                        cells[i] = cell(v, r + 1, columns.get(i));
                    }
                    csv.writeRecord(cells);
                }
                progress.add(data.size() - reported);
            }
        }, false);
    }

    private String cell(Object v, int rowNumber, String column) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Optional<?> o) {
            return cell(o.orElse(null), rowNumber, column);
        }
        if (v instanceof Map || v instanceof Collection || v.getClass().isArray()) {
            throw new DatasetException(config.subject() + ": cannot save row " + rowNumber + ", column '"
                    + column + "': it holds " + (v instanceof Map ? "a mapping" : "a list")
                    + ", but CSV cells hold single values. Flatten the value or use the json type.");
        }
        return v.toString();
    }
}
