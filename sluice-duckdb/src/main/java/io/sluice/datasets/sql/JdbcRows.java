package io.sluice.datasets.sql;

import io.sluice.run.Progress;
import io.sluice.io.ColumnConversions;
import io.sluice.io.DatasetException;
import io.sluice.io.RowMapper;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves rows between JDBC and Java: reads a result set into a list of rows with typed getters by
 * column index ({@code getLong}, {@code getDouble} — no lookups by name per row), and binds one
 * row's values as statement parameters. Shared by the SQL and Parquet datasets; not API.
 */
public final class JdbcRows {
    /** Reads report their progress every this many rows (a power of two). */
    static final int ROWS_REPORTED = 4096;

    private JdbcRows() {
    }

    /** How each column of a result is read. */
    private enum Getter { LONG, INT, DOUBLE, BOOLEAN, DATE, TIMESTAMP, TIMESTAMP_TZ, OBJECT }

    /**
     * The row type a consumer declared as {@code target} ({@code List<Shuttle>} gives
     * {@code Shuttle}); the error for a target that cannot receive a list of rows names the
     * dataset ({@code subject}) and the declarations that work.
     */
    public static Type rowType(String subject, Type target) {
        Type element = RowMapper.elementType(target);
        if (element == null) {
            throw new DatasetException(subject + " loads a list of rows, which cannot be passed as "
                    + target.getTypeName() + ". Declare it as List<Map<String, Object>> or List<YourRecord>.");
        }
        return element;
    }

    /**
     * Every row of {@code rs} as an element of {@code elementType} (see {@link RowMapper}).
     *
     * @param conversions the conversions asked for in {@code load_args.parse}
     * @param where       how errors begin ("dataset 'sales' (sql.Table)")
     */
    public static <E> List<E> read(ResultSet rs, Type elementType, ColumnConversions conversions, String where)
            throws SQLException {
        return read(rs, elementType, conversions, where, 10);
    }

    /**
     * As {@link #read(ResultSet, Type, ColumnConversions, String)}, into a list sized for
     * {@code expectedRows} (a hint: more or fewer rows are fine). A list of a million rows that grows
     * as it fills is copied some thirty times, its last copies into arrays large enough for the
     * garbage collector to treat specially.
     */
    public static <E> List<E> read(ResultSet rs, Type elementType, ColumnConversions conversions, String where,
                                   int expectedRows) throws SQLException {
        return read(rs, elementType, conversions, where, expectedRows, Progress.Task.NONE);
    }

    /**
     * As {@link #read(ResultSet, Type, ColumnConversions, String, int)}, reporting the rows read to
     * {@code progress} every {@value #ROWS_REPORTED} rows.
     */
    @SuppressWarnings("unchecked")
    public static <E> List<E> read(ResultSet rs, Type elementType, ColumnConversions conversions, String where,
                                   int expectedRows, Progress.Task progress) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        Getter[] getters = new Getter[n];
        int[] sqlTypes = new int[n];
        for (int i = 0; i < n; i++) {
            columns.add(meta.getColumnLabel(i + 1));
            sqlTypes[i] = meta.getColumnType(i + 1);
            getters[i] = getter(sqlTypes[i]);
        }
        RowMapper<E> mapping = RowMapper.of(elementType, columns, conversions, where);
        // Records whose components all read straight from a typed getter skip the boxed values.
        RecordReader direct = RecordReader.of(elementType, columns, sqlTypes, conversions);
        List<E> rows = new ArrayList<>(Math.max(expectedRows, 0));
        Object[] values = new Object[n]; // reused: RowMapper.map neither keeps nor modifies it
        long rowNumber = 0;
        while (rs.next()) {
            rowNumber++;
            if ((rowNumber & (ROWS_REPORTED - 1)) == 0) {
                progress.add(ROWS_REPORTED);
            }
            if (direct != null) {
                try {
                    rows.add((E) direct.read(rs));
                    continue;
                } catch (RuntimeException e) {
                    // a NULL, or a constructor that refused the values: the general path maps this
                    // row, with its rules for nulls and its error messages
                }
            }
            for (int i = 0; i < n; i++) {
                values[i] = value(rs, i + 1, getters[i]);
            }
            rows.add(mapping.map(values, rowNumber));
        }
        progress.add(rowNumber & (ROWS_REPORTED - 1));
        return rows;
    }

    private static Getter getter(int sqlType) {
        return switch (sqlType) {
            case Types.BIGINT -> Getter.LONG;
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Getter.INT;
            case Types.DOUBLE, Types.FLOAT, Types.REAL -> Getter.DOUBLE;
            case Types.BOOLEAN, Types.BIT -> Getter.BOOLEAN;
            case Types.DATE -> Getter.DATE;
            case Types.TIMESTAMP -> Getter.TIMESTAMP;
            case Types.TIMESTAMP_WITH_TIMEZONE -> Getter.TIMESTAMP_TZ;
            default -> Getter.OBJECT;
        };
    }

    private static Object value(ResultSet rs, int i, Getter g) throws SQLException {
        Object v = switch (g) {
            case LONG -> rs.getLong(i);
            case INT -> rs.getInt(i);
            case DOUBLE -> rs.getDouble(i);
            case BOOLEAN -> rs.getBoolean(i);
            case DATE -> rs.getObject(i, LocalDate.class);
            case TIMESTAMP -> rs.getObject(i, LocalDateTime.class);
            case TIMESTAMP_TZ -> rs.getObject(i, OffsetDateTime.class);
            case OBJECT -> rs.getObject(i);
        };
        return rs.wasNull() ? null : v;
    }

    /** Binds {@code values} as parameters 1..n of {@code ps}, converted by {@code kinds}. */
    public static void bind(PreparedStatement ps, Object[] values, List<ColumnKind> kinds) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int p = i + 1;
            ColumnKind kind = kinds.get(i);
            if (v == null) {
                ps.setNull(p, sqlType(kind));
                continue;
            }
            switch (kind) {
                case LONG -> ps.setLong(p, ((Number) v).longValue());
                case INT -> ps.setInt(p, ((Number) v).intValue());
                case DOUBLE -> ps.setDouble(p, ((Number) v).doubleValue());
                case STRING -> ps.setString(p, v.toString());
                case BOOLEAN -> ps.setBoolean(p, (Boolean) v);
                case DATE -> ps.setObject(p, v);
                case TIMESTAMP -> ps.setObject(p, utc(v));
                case DECIMAL -> ps.setBigDecimal(p, v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue()));
            }
        }
    }

    /** A timestamp value as the LocalDateTime stored in a TIMESTAMP column (instants in UTC). */
    public static LocalDateTime utc(Object v) {
        if (v instanceof Instant i) {
            return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime o) {
            return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return (LocalDateTime) v;
    }

    static int sqlType(ColumnKind kind) {
        return switch (kind) {
            case LONG -> Types.BIGINT;
            case INT -> Types.INTEGER;
            case DOUBLE -> Types.DOUBLE;
            case STRING -> Types.VARCHAR;
            case BOOLEAN -> Types.BOOLEAN;
            case DATE -> Types.DATE;
            case TIMESTAMP -> Types.TIMESTAMP;
            case DECIMAL -> Types.NUMERIC;
        };
    }
}
