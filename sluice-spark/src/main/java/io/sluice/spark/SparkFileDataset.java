package io.sluice.spark;

import io.sluice.Suggestions;
import io.sluice.io.DataLocation;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Parquet or CSV folder read and written by Spark ({@code type: spark.Parquet},
 * {@code spark.Csv}); its data type is {@code Dataset<Row>}.
 *
 * <pre>{@code
 * shuttles:
 *   type: spark.Csv
 *   engine: spark                     # a spark engine of engines.yml
 *   path: data/01_raw/shuttles        # relative to the project, or a URI: hdfs://, s3a://, file:/
 *   load_args:
 *     options: {sep: ';'}             # Spark reader options (CSV: header defaults to true)
 *     schema: 'id STRING, price DOUBLE'   # DDL; without it CSV columns are strings unless inferSchema: true
 *     collect_limit: 100000           # most rows a node declared List<Record> may collect (default 1000000)
 *   save_args:
 *     mode: overwrite                 # overwrite (default), append, error_if_exists, ignore
 *     partition_by: [company]
 *     options: {compression: zstd}    # Spark writer options
 * }</pre>
 *
 * <p><b>Load</b> gives the node a lazy {@code Dataset<Row>} (reading starts with the node's first
 * Spark action), or, for a parameter declared {@code List<R>}, its rows collected and mapped by
 * column name (see {@link SparkRows}: within {@code collect_limit}). <b>Save</b> takes a
 * {@code Dataset<Row>} or a list of records or maps.
 *
 * <p><b>Atomic replacement.</b> {@code overwrite}, {@code error_if_exists} and {@code ignore}
 * write the new folder beside the old one (a hidden sibling, which Spark's readers skip) and
 * rename it into place once Spark has committed every file, so a reader sees the old data or the
 * new, never part of it — and a node may overwrite the folder it read. {@code append} adds files
 * in place: readers during the save may see some of them. Not versioned.
 */
public final class SparkFileDataset implements io.sluice.io.Dataset<Object> {
    /** The Parquet type name in {@code catalog.yml}. */
    public static final String PARQUET = "spark.Parquet";
    /** The CSV type name in {@code catalog.yml}. */
    public static final String CSV = "spark.Csv";

    private static final Pattern URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    private final DatasetConfig config;
    private final SparkData data;
    private final String format;
    private final String path;
    private final Path localPath;
    private final Map<String, String> readOptions;
    private final Optional<String> schema;
    private final SaveMode mode;
    private final List<String> partitionBy;
    private final Map<String, String> writeOptions;

    /** Reads the entry; starts no Spark session. */
    public SparkFileDataset(DatasetConfig config, String format) {
        this.config = config;
        this.format = format;
        this.data = SparkData.from(config);
        String written = config.string("path");
        boolean uri = URI.matcher(written).matches() && !(written.length() > 2 && written.charAt(1) == ':');
        if (uri && written.startsWith("file:")) {
            this.localPath = Path.of(java.net.URI.create(written)).toAbsolutePath().normalize();
        } else {
            this.localPath = uri ? null : config.resolve(written);
        }
        this.path = localPath != null ? localPath.toString() : written;
        DatasetConfig load = config.section("load_args");
        Map<String, String> read = new LinkedHashMap<>();
        Map<String, String> write = new LinkedHashMap<>();
        if (format.equals("csv")) {
            read.put("header", "true");
            write.put("header", "true");
        }
        read.putAll(SparkRows.options(load.map("options")));
        this.readOptions = Map.copyOf(read);
        this.schema = load.optionalString("schema");
        DatasetConfig save = config.section("save_args");
        this.mode = mode(save, config.subject());
        this.partitionBy = save.stringList("partition_by");
        write.putAll(SparkRows.options(save.map("options")));
        this.writeOptions = Map.copyOf(write);
    }

    /** {@code save_args.mode} as a {@link SaveMode}, refusing other words at their line. */
    static SaveMode mode(DatasetConfig save, String subject) {
        String m = save.string("mode", "overwrite");
        List<String> known = Arrays.stream(SaveMode.values()).map(SaveMode::configName).toList();
        String normalised = m.toLowerCase(Locale.ROOT);
        if (normalised.equals("error") || normalised.equals("errorifexists")) { // Spark's own spellings
            normalised = SaveMode.ERROR_IF_EXISTS.configName();
        }
        if (!known.contains(normalised)) {
            throw new DatasetConfigException(save.location("mode") + ": " + subject + ": save_args.mode is '" + m
                    + "'; expected one of " + String.join(", ", known) + "." + Suggestions.didYouMean(m, known));
        }
        return SaveMode.valueOf(normalised.toUpperCase(Locale.ROOT));
    }

    @Override
    public Object load() {
        return frame();
    }

    @Override
    public Object load(Type target) {
        return data.load(this::frame, target);
    }

    @Override
    public Optional<String> incompatibility(Type target) {
        return SparkData.incompatibility(target);
    }

    private Dataset<Row> frame() {
        SparkSession spark = data.spark();
        DataFrameReader reader = spark.read().format(format).options(readOptions);
        schema.ifPresent(reader::schema);
        try {
            return reader.load(path);
        } catch (Exception e) { // Scala code throws checked exceptions (SQLException) undeclared
            throw new DatasetException(config.subject() + ": cannot read " + format + " at " + shown() + ": "
                    + data.engine().mask(String.valueOf(e.getMessage())), e);
        }
    }

    @Override
    public void save(Object value) {
        Dataset<Row> frame = data.toFrame(value);
        SparkSession spark = data.spark();
        try {
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path);
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (mode == SaveMode.APPEND) {
                writer(frame, org.apache.spark.sql.SaveMode.Append).save(path);
                return;
            }
            if (fs.exists(target)) {
                if (mode == SaveMode.IGNORE) {
                    return;
                }
                if (mode == SaveMode.ERROR_IF_EXISTS) {
                    throw new DatasetException(config.subject() + ": " + shown() + " exists already and save_args.mode"
                            + " is error_if_exists. Delete it, or set mode to overwrite or append.");
                }
            }
            replace(frame, fs, target);
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot save " + format + " to " + shown() + ": "
                    + data.engine().mask(String.valueOf(e.getMessage())), e);
        } catch (DatasetException e) {
            throw e;
        } catch (Exception e) { // Scala code throws checked exceptions (SQLException) undeclared
            throw new DatasetException(config.subject() + ": Spark failed to save " + format + " to " + shown() + ": "
                    + data.engine().mask(String.valueOf(e.getMessage())) + ". The previous data is unchanged"
                    + (mode == SaveMode.APPEND ? " except for files a partial append may have added." : "."), e);
        }
    }

    /** Writes a hidden sibling, then swaps it in: readers see all the old files or all the new. */
    private void replace(Dataset<Row> frame, FileSystem fs, org.apache.hadoop.fs.Path target) throws IOException {
        String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        org.apache.hadoop.fs.Path parent = target.getParent();
        org.apache.hadoop.fs.Path fresh = new org.apache.hadoop.fs.Path(parent, "." + target.getName() + ".sluice-new-"
                + tag);
        org.apache.hadoop.fs.Path old = new org.apache.hadoop.fs.Path(parent, "." + target.getName() + ".sluice-old-"
                + tag);
        try {
            if (parent != null) {
                fs.mkdirs(parent);
            }
            writer(frame, org.apache.spark.sql.SaveMode.ErrorIfExists).save(fresh.toString());
            boolean hadOld = fs.exists(target);
            if (hadOld && !fs.rename(target, old)) {
                throw new IOException("could not move the previous data aside to " + old);
            }
            if (!fs.rename(fresh, target)) {
                if (hadOld) {
                    fs.rename(old, target);
                }
                throw new IOException("could not move the new data from " + fresh + " into place");
            }
            if (hadOld) {
                fs.delete(old, true);
            }
        } finally {
            if (fs.exists(fresh)) {
                fs.delete(fresh, true);
            }
        }
    }

    private DataFrameWriter<Row> writer(Dataset<Row> frame, org.apache.spark.sql.SaveMode sparkMode) {
        DataFrameWriter<Row> w = frame.write().format(format).mode(sparkMode).options(writeOptions);
        if (!partitionBy.isEmpty()) {
            w = w.partitionBy(partitionBy.toArray(String[]::new));
        }
        return w;
    }

    /**
     * Whether the folder exists: asked of the local file system without starting Spark for a local
     * path, of Spark's file system (Hadoop's) otherwise.
     */
    @Override
    public boolean exists() {
        if (localPath != null) {
            return Files.exists(localPath);
        }
        try {
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(path);
            return target.getFileSystem(data.spark().sparkContext().hadoopConfiguration()).exists(target);
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot check whether " + shown() + " exists: "
                    + data.engine().mask(String.valueOf(e.getMessage())), e);
        }
    }

    /** A local folder: runs of this project that write and read it take turns. */
    @Override
    public Optional<DataLocation> sharedLocation(RunContext run) {
        return localPath == null ? Optional.empty()
                : Optional.of(DataLocation.file(localPath, "dataset '" + config.name() + "' (" + shown() + ")"));
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = config.describe();
        out.put("engine", data.engine().name());
        out.put("format", format);
        return out;
    }

    private String shown() {
        return localPath != null ? config.display(localPath) : path;
    }

    @Override
    public String toString() {
        return "SparkFileDataset[" + config.name() + ", " + format + ", " + shown() + "]";
    }
}
