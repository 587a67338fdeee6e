package io.sluice.launch.sweep;

import java.io.PrintWriter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The summary table of a sweep: one row per parameter set in grid order, columns {@code run_id},
 * {@code state}, every parameter path, every output column, {@code error}. A mapping or record
 * value (a parameter's or an output's) gives one column per key, dotted ({@code metrics.r2});
 * every row has every column, {@code null} where it has no value. An output no run returned (they
 * all failed) still has its column, named after it, so the table's shape does not depend on luck.
 * A parameter or output named like one of the table's own columns is prefixed
 * ({@code params.state}, {@code outputs.error}).
 *
 * @param columns the column names, in order
 * @param rows    the rows, each a map of every column in column order: the value saved to the
 *                summary dataset (a {@code List<Map<String, Object>>}, what csv, json and parquet
 *                datasets save)
 */
record SweepSummary(List<String> columns, List<Map<String, Object>> rows) {
    static final String RUN_ID = "run_id";
    static final String STATE = "state";
    static final String ERROR = "error";
    private static final Set<String> OWN = Set.of(RUN_ID, STATE, ERROR);

    static SweepSummary of(List<String> paths, List<String> outputs, List<RunOutcome> outcomes) {
        Set<String> paramColumns = new LinkedHashSet<>();
        Set<String> outputColumns = new LinkedHashSet<>();
        List<Map<String, Object>> params = new ArrayList<>();
        List<Map<String, Object>> values = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (String path : paths) {
                if (o.set().values().containsKey(path)) {
                    flatten(OWN.contains(path) ? "params." + path : path, o.set().values().get(path), p);
                }
            }
            Map<String, Object> v = new LinkedHashMap<>();
            for (String output : outputs) {
                if (o.outputs().containsKey(output)) {
                    flatten(column(output), o.outputs().get(output), v);
                }
            }
            paramColumns.addAll(p.keySet());
            outputColumns.addAll(v.keySet());
            params.add(p);
            values.add(v);
        }
        for (String output : outputs) { // no run gave a value (all failed): the column is still there
            String name = column(output);
            if (outputColumns.stream().noneMatch(c -> c.equals(name) || c.startsWith(name + "."))) {
                outputColumns.add(name);
            }
        }
        List<String> columns = new ArrayList<>();
        columns.add(RUN_ID);
        columns.add(STATE);
        columns.addAll(paramColumns);
        outputColumns.stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        columns.add(ERROR);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            RunOutcome o = outcomes.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            for (String c : columns) {
                row.put(c, null);
            }
            row.put(RUN_ID, o.runId());
            row.put(STATE, o.state().label());
            row.putAll(params.get(i));
            row.putAll(values.get(i));
            row.put(ERROR, o.error());
            rows.add(Collections.unmodifiableMap(row));
        }
        return new SweepSummary(List.copyOf(columns), List.copyOf(rows));
    }

    /** An output's column: its name, or {@code outputs.NAME} when that is one of the table's own columns. */
    private static String column(String output) {
        return OWN.contains(output) ? "outputs." + output : output;
    }

    /** {@code value} under {@code name}, a mapping or record as one dotted column per key. */
    private static void flatten(String name, Object value, Map<String, Object> into) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((k, v) -> flatten(name + "." + k, v, into));
        } else if (value instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    c.getAccessor().setAccessible(true);
                    flatten(name + "." + c.getName(), c.getAccessor().invoke(r), into);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    into.put(name + "." + c.getName(), "<" + e + ">");
                }
            }
        } else {
            into.put(name, value);
        }
    }

    /** The table, columns aligned, a null cell empty; the error column last and unpadded. */
    void print(PrintWriter out) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = columns.get(c).length();
            for (Map<String, Object> row : rows) {
                widths[c] = Math.max(widths[c], cell(row.get(columns.get(c))).length());
            }
        }
        out.println(line(columns.stream().map(c -> (Object) c).toList(), widths));
        for (Map<String, Object> row : rows) {
            out.println(line(new ArrayList<>(row.values()), widths));
        }
        out.flush();
    }

    private static String line(List<Object> cells, int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String text = cell(cells.get(c));
            sb.append(text);
            if (c < cells.size() - 1) {
                sb.append(" ".repeat(widths[c] - text.length() + 2));
            }
        }
        return sb.toString().stripTrailing();
    }

    private static String cell(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
