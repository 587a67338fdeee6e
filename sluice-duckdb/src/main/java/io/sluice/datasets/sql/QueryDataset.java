package io.sluice.datasets.sql;

import io.sluice.io.ColumnConversions;
import io.sluice.io.RowMapper;
import java.util.Optional;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rows of a SQL query ({@code type: sql.Query}, alias {@code sql_query}, Kedro's
 * {@code SQLQueryDataset}). Read-only.
 *
 * <pre>{@code
 * expensive_shuttles:
 *   type: sql.Query
 *   sql: SELECT id, price FROM shuttles WHERE price >= :min_price   # or filepath: queries/x.sql
 *   params: {min_price: 100}
 *   url: jdbc:postgresql://db:5432/warehouse   # optional; default jdbc:duckdb:data/sluice.duckdb
 *   credentials: warehouse
 *   # or, instead of url and credentials: engine: warehouse   (a jdbc engine of engines.yml)
 *   load_args: {fetch_size: 10000, parse: {price: currency}}   # parse: see io.sluice.io.Conversion
 * }</pre>
 *
 * <p>{@code :name} placeholders are rewritten to JDBC {@code ?} markers and the values of
 * {@code params} bound to them through {@link PreparedStatement} — never pasted into the text, so
 * a parameter value can never change the query. Every placeholder needs a value and every value a
 * placeholder (checked when the catalog is built for inline {@code sql}, at load for a file).
 *
 * <p>Values that differ per run go in {@code params} as {@code ${run:name}} placeholders
 * ({@code params: {customer: ${run:customer_id}}}): the catalog then builds the query for each
 * run from the run it is given (see {@code RunTemplatedDataset} in sluice-core), so they are bound
 * like any other parameter. A placeholder in {@code sql} itself is refused.
 *
 * <p>Loads like {@link TableDataset}: {@code List<Map<String,Object>>}, or the node's record type.
 * Like a table, a query is the same in every run apart from its templated params, so the run-taking
 * methods of {@link io.sluice.io.Dataset} are its context-free ones.
 */
public final class QueryDataset implements Dataset<List<?>> {
    /** The type name in {@code catalog.yml}. */
    public static final String TYPE = "sql.Query";

    private final DatasetConfig config;
    private final ColumnConversions conversions;
    private final JdbcTarget target;
    private final SqlSource source;
    private final String inlineSql;
    private final Path file;
    private final Map<String, Object> params;
    private final int fetchSize;

    /** Reads the entry; reads a {@code filepath} and connects only on load. */
    public QueryDataset(DatasetConfig config) {
        this.config = config;
        boolean hasSql = config.has("sql");
        boolean hasFile = config.has("filepath");
        if (hasSql == hasFile) {
            throw new DatasetException(config.subject() + " needs exactly one of 'sql' (the query) and 'filepath' "
                    + "(a .sql file)" + (hasSql ? ", not both." : "."));
        }
        this.inlineSql = hasSql ? config.string("sql") : null;
        this.file = hasFile ? config.path("filepath") : null;
        Map<String, Object> p = new LinkedHashMap<>();
        config.map("params").forEach((k, v) -> {
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw new DatasetException(config.subject() + ": params." + k + " is a "
                        + (v instanceof Map<?, ?> ? "mapping" : "list") + "; a parameter must be a single value.");
            }
            p.put(k, v);
        });
        this.params = Collections.unmodifiableMap(p);
        this.source = SqlSource.from(config);
        this.target = source.target();
        DatasetConfig load = config.section("load_args");
        this.fetchSize = load.integer("fetch_size", 10_000);
        this.conversions = ColumnConversions.from(load, "parse");
        if (inlineSql != null) {
            prepare(inlineSql);
        }
    }

    @Override
    public List<?> load() {
        return run(Object.class);
    }

    @Override
    public Object load(Type target) {
        return run(JdbcRows.rowType(config.subject(), target));
    }

    private List<?> run(Type element) {
        NamedParameters query = prepare(text());
        try (Connection c = source.open();
             PreparedStatement ps = c.prepareStatement(query.sql())) {
            ps.setFetchSize(fetchSize);
            List<String> names = query.names();
            for (int i = 0; i < names.size(); i++) {
                ps.setObject(i + 1, params.get(names.get(i)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return JdbcRows.read(rs, element, conversions, config.subject());
            }
        } catch (SQLException e) {
            throw new DatasetException(config.subject() + ": the query failed on " + target.displayUrl() + ": "
                    + TableDataset.message(e, target), e);
        }
    }

    private String text() {
        if (inlineSql != null) {
            return inlineSql;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot read the query file " + config.display(file)
                    + ": " + e, e);
        }
    }

    private NamedParameters prepare(String sql) {
        NamedParameters parsed = NamedParameters.parse(sql);
        List<String> missing = new ArrayList<>(new TreeSet<>(parsed.names()));
        missing.removeAll(params.keySet());
        if (!missing.isEmpty()) {
            throw new DatasetException(config.subject() + ": the query uses :" + String.join(", :", missing)
                    + " but params has no value for " + (missing.size() == 1 ? "it" : "them") + ". Add "
                    + String.join(", ", missing) + " to params.");
        }
        List<String> unused = new ArrayList<>(new TreeSet<>(params.keySet()));
        unused.removeAll(parsed.names());
        if (!unused.isEmpty()) {
            throw new DatasetException(config.subject() + ": params " + String.join(", ", unused)
                    + (unused.size() == 1 ? " is" : " are") + " not used by the query. Use :"
                    + String.join(", :", unused) + " in the query or remove " + (unused.size() == 1 ? "it." : "them."));
        }
        return parsed;
    }

    /** Only lists of records, POJOs or maps, and untyped consumers. */
    @Override
    public Optional<String> incompatibility(Type target) {
        return RowMapper.rowListIncompatibility(target);
    }

    /** Always fails: a query is read-only. */
    @Override
    public void save(List<?> data) {
        throw new DatasetException(config.subject() + " is read-only: a query cannot be saved. Save to a "
                + TableDataset.TYPE + " dataset instead.");
    }

    /** True: a query always has rows to load, even if none match. */
    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = config.describe();
        source.describeInto(out);
        return out;
    }
}
