package io.sluice.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A CSV file, read and written with jackson-dataformat-csv.
 *
 * <p><b>Rows.</b> {@link #load()} returns the default row type for consumers that declare no
 * type: {@code List<Map<String,String>>}, one map per data row, keys in column order, every cell
 * a string (an absent trailing cell is {@code null}). {@link #load(Type)} with a target
 * {@code List<R>} (or {@code Collection<R>}, {@code Iterable<R>}) maps each row onto the record
 * or POJO {@code R} by column name: Jackson converts numbers and booleans; an empty cell becomes
 * {@code null} for boxed and {@code String}-less types and is an error for primitives; columns
 * {@code R} does not declare are ignored. A cell that cannot be converted fails with the file,
 * the row number (data rows counted from 1, the header excluded), the column and the value.
 *
 * <p><b>Catalog keys.</b> {@code filepath} (required); {@code load_args}: {@code delimiter}
 * (default {@code ,}), {@code header} (default true; without a header the columns are named by
 * {@code columns} or else {@code "0"}, {@code "1"}…), {@code quote_char} (default {@code "}),
 * {@code encoding} (default UTF-8), {@code columns} (the columns to keep, in this order);
 * {@code save_args}: {@code delimiter}, {@code header}, {@code quote_char}, {@code encoding},
 * {@code columns} (which columns to write, in this order; by default every key of the rows in
 * first-seen order).
 *
 * <p>{@link #save} accepts a list of maps or of records/POJOs; cells must be scalars. Saves are
 * atomic.
 */
public final class CsvDataset implements Dataset<List<?>> {
    private final DatasetConfig config;
    private final Options load;
    private final Options save;
    private final FileLocation location;

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

        CsvSchema schema() {
            return CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar(quote)
                    .withoutHeader().withLineSeparator("\n");
        }
    }

    /** Built from a catalog entry. */
    public CsvDataset(DatasetConfig config) {
        this.config = config;
        this.load = Options.from(config.section("load_args"), config);
        this.save = Options.from(config.section("save_args"), config);
        this.location = FileLocation.of(config);
    }

    /** The rows as {@code List<Map<String,String>>}; see the class documentation. */
    @Override
    public List<?> load() {
        return readRows();
    }

    @Override
    public Object load(Type target) {
        Type element = RowTypes.elementType(target);
        if (element == null) {
            throw new DatasetException(config.subject() + " loads a list of rows, which cannot be passed as "
                    + Jackson.display(target) + ". Declare it as List<Map<String, String>> or List<YourRecord>.");
        }
        List<Map<String, String>> rows = readRows();
        Class<?> raw = Jackson.raw(element);
        if (raw == Object.class || raw == Map.class && RowTypes.isStringMap(element)) {
            return rows;
        }
        JavaType type = Jackson.javaType(element);
        List<Object> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            try {
                out.add(Jackson.CSV.convertValue(row, type));
            } catch (IllegalArgumentException e) {
                throw conversionError(i + 1, row, element, e);
            }
        }
        return out;
    }

    private DatasetException conversionError(int rowNumber, Map<String, String> row, Type element,
                                             IllegalArgumentException e) {
        String where = config.subject() + ": " + config.display(location.filepath()) + " row " + rowNumber;
        if (e.getCause() instanceof JsonMappingException m && !m.getPath().isEmpty()
                && m.getPath().get(0).getFieldName() != null) {
            String column = m.getPath().get(0).getFieldName();
            String field = Jackson.display(element) + "." + column;
            if (!row.containsKey(column) || row.get(column) == null) {
                return new DatasetException(where + ": column '" + column + "' has no value, but " + field
                        + " needs one" + (row.containsKey(column) ? "" : " (columns: " + String.join(", ",
                        row.keySet()) + ")") + ". Add the value or make the field a boxed, nullable type.", e);
            }
            String expected = m instanceof MismatchedInputException mi && mi.getTargetType() != null
                    ? Jackson.display(mi.getTargetType()) : "the field's type";
            return new DatasetException(where + ", column '" + column + "': cannot convert \"" + row.get(column)
                    + "\" to " + expected + " (" + field + "). Fix the value or change the field's type.", e);
        }
        String reason = e.getCause() instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        return new DatasetException(where + ": cannot convert the row to " + Jackson.display(element) + ": "
                + reason, e);
    }

    private List<Map<String, String>> readRows() {
        Path path = location.forLoad();
        ObjectReader reader = Jackson.CSV.readerFor(String[].class)
                .with(load.schema())
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES);
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(path, load.encoding());
             MappingIterator<String[]> it = reader.readValues(in)) {
            List<String> names = null;
            int[] keep = null;
            int rowNumber = 0;
            while (it.hasNextValue()) {
                String[] cells = it.nextValue();
                if (names == null) {
                    names = load.header() ? List.of(cells) : defaultNames(cells.length);
                    keep = selection(names);
                    if (load.header()) {
                        continue;
                    }
                }
                rowNumber++;
                if (cells.length > names.size()) {
                    throw new DatasetException(config.subject() + ": " + config.display(location.filepath()) + " row " + rowNumber
                            + " has " + cells.length + " values, but there are " + names.size() + " columns ("
                            + String.join(", ", names) + "). Fix the row or the delimiter (load_args.delimiter is '"
                            + load.delimiter() + "').");
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int index : keep) {
                    row.put(names.get(index), index < cells.length ? cells[index] : null);
                }
                rows.add(Collections.unmodifiableMap(row));
            }
        } catch (JsonProcessingException e) {
            throw new DatasetException(config.subject() + ": " + config.display(location.filepath()) + " is not valid CSV: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw FileSupport.readFailure(config, path, e);
        }
        return rows;
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

    /** Indexes of the columns to keep, in output order. */
    private int[] selection(List<String> names) {
        List<String> wanted = load.columns().isEmpty() ? names : load.columns();
        int[] keep = new int[wanted.size()];
        for (int i = 0; i < wanted.size(); i++) {
            keep[i] = names.indexOf(wanted.get(i));
            if (keep[i] < 0) {
                throw new DatasetException(config.subject() + ": column '" + wanted.get(i)
                        + "' listed in load_args.columns is not in " + config.display(location.filepath()) + ". Columns there: "
                        + String.join(", ", names) + "." + Suggestions.didYouMean(wanted.get(i), names));
            }
        }
        return keep;
    }

    /** Saves a list of maps or of records/POJOs, one row each. */
    @Override
    public void save(List<?> data) {
        if (data == null) {
            throw FileSupport.wrongData(config, null, "a list of maps or records");
        }
        List<Map<String, Object>> rows = new ArrayList<>(data.size());
        LinkedHashSet<String> seen = new LinkedHashSet<>();
        for (Object item : data) {
            Map<String, Object> row = toRow(item, rows.size() + 1);
            seen.addAll(row.keySet());
            rows.add(row);
        }
        List<String> columns = save.columns().isEmpty() ? List.copyOf(seen) : save.columns();
        // Strict checking quotes only cells that need it, whatever the delimiter.
        ObjectWriter writer = Jackson.CSV.writerFor(String[].class).with(save.schema())
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
        FileSupport.save(config, location.forSave(), out -> {
            Writer w = new OutputStreamWriter(out, save.encoding());
            try (SequenceWriter seq = writer.writeValues(w)) {
                if (save.header()) {
                    seq.write(columns.toArray(String[]::new));
                }
                for (int i = 0; i < rows.size(); i++) {
                    seq.write(cells(rows.get(i), columns, i + 1));
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> toRow(Object item, int rowNumber) {
        if (item == null) {
            throw new DatasetException(config.subject() + ": cannot save row " + rowNumber + ": it is null.");
        }
        if (item instanceof Map<?, ?> m) {
            Map<String, Object> row = new LinkedHashMap<>();
            m.forEach((k, v) -> row.put(String.valueOf(k), v));
            return row;
        }
        try {
            return Jackson.DATA.convertValue(item, LinkedHashMap.class);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(config.subject() + ": cannot save row " + rowNumber + ", a "
                    + item.getClass().getName() + ": it is not a map, record or bean with properties (" + e.getMessage()
                    + ").", e);
        }
    }

    private String[] cells(Map<String, Object> row, List<String> columns, int rowNumber) {
        String[] cells = new String[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            Object v = row.get(columns.get(i));
            if (v instanceof Map || v instanceof Collection || v != null && v.getClass().isArray()) {
                throw new DatasetException(config.subject() + ": cannot save row " + rowNumber + ", column '"
                        + columns.get(i) + "': it holds " + (v instanceof Map ? "a mapping" : "a list")
                        + ", but CSV cells hold single values. Flatten the value or use the json type.");
            }
            cells[i] = v == null ? "" : v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
        }
        return cells;
    }

    @Override
    public boolean exists() {
        return location.exists();
    }

    @Override
    public boolean isVersioned() {
        return location.versioned();
    }

    @Override
    public List<String> versions() {
        return location.versions();
    }

    @Override
    public Map<String, Object> describe() {
        return config.describe();
    }

    @Override
    public String toString() {
        return "CsvDataset" + describe();
    }
}
