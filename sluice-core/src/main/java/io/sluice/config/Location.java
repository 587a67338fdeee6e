package io.sluice.config;

/**
 * Where a configuration value was written: a file (relative to the project when possible),
 * a 1-based line and a 1-based column. {@link #toString()} gives {@code file:line:column}, the
 * form every config error message uses.
 *
 * @param file   the file, as shown to users (e.g. {@code conf/base/catalog.yml})
 * @param line   1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record Location(String file, int line, int column) {
    /** A location for values that come from no file (runtime params, code). */
    public static Location of(String origin) {
        return new Location(origin, 0, 0);
    }

    @Override
    public String toString() {
        if (line <= 0) {
            return file;
        }
        return column <= 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
