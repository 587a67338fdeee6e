package io.sluice.spark;

/** How a Spark dataset's save treats data already there ({@code save_args.mode}). */
public enum SaveMode {
    /** Replace it. Files: the new data is written beside the old and swapped in once complete. */
    OVERWRITE,
    /** Add to it. */
    APPEND,
    /** Fail when there is data already. */
    ERROR_IF_EXISTS,
    /** Write nothing when there is data already. */
    IGNORE;

    /** The mode as written in {@code catalog.yml}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    org.apache.spark.sql.SaveMode spark() {
        return switch (this) {
            case OVERWRITE -> org.apache.spark.sql.SaveMode.Overwrite;
            case APPEND -> org.apache.spark.sql.SaveMode.Append;
            case ERROR_IF_EXISTS -> org.apache.spark.sql.SaveMode.ErrorIfExists;
            case IGNORE -> org.apache.spark.sql.SaveMode.Ignore;
        };
    }
}
