package io.sluice.datasets.sql;

import io.sluice.io.DatasetException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks and quotes SQL identifiers (schema, table and column names). Values never go through
 * here: they are always bound as {@link java.sql.PreparedStatement} parameters.
 *
 * <p>A name must be a plain identifier of letters, digits and underscores, not starting with a
 * digit, at most 63 characters (PostgreSQL's limit). It is then written double-quoted, so its
 * case is kept and reserved words ({@code order}, {@code user}) work as column names. Shared by
 * the SQL and Parquet datasets; not API.
 */
public final class SqlIdentifiers {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private SqlIdentifiers() {
    }

    /** Whether {@code name} is an acceptable identifier. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * {@code name} double-quoted.
     *
     * @param what how the message names it ("table", "column") and whose it is
     * @throws DatasetException when the name is not a plain identifier
     */
    public static String quote(String name, String what) {
        if (!isValid(name)) {
            throw new DatasetException(what + " name '" + name + "' is not a valid SQL identifier: use letters, "
                    + "digits and '_', not starting with a digit, at most 63 characters.");
        }
        return '"' + name + '"';
    }

    /** A SELECT list: {@code *} for no columns, else the columns quoted and comma-separated. */
    public static String selectList(List<String> columns) {
        return columns.isEmpty() ? "*" : String.join(", ", columns.stream().map(c -> quote(c, "column")).toList());
    }
}
