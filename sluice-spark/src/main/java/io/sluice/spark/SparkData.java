package io.sluice.spark;

import io.sluice.engine.Engine;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.RowMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What every Spark dataset shares: its engine, and the node types it loads into and saves from —
 * {@code Dataset<Row>} (lazy: nothing is read until the node runs a Spark action), or a
 * {@code List<R>} collected on the driver within {@code collect_limit} rows (see {@link SparkRows}).
 */
final class SparkData {
    private final DatasetConfig config;
    private final Engine<? extends SparkSession> engine;
    private final long collectLimit;

    private SparkData(DatasetConfig config, Engine<? extends SparkSession> engine, long collectLimit) {
        this.config = config;
        this.engine = engine;
        this.collectLimit = collectLimit;
    }

    /** Reads {@code engine} (required) and {@code load_args.collect_limit}. */
    static SparkData from(DatasetConfig config) {
        if (!config.has("engine")) {
            throw new io.sluice.io.DatasetConfigException(config.location() + ": " + config.subject() + " has no "
                    + "'engine'. Spark datasets read and write through a spark engine: add 'engine: spark' and "
                    + "declare it in engines.yml ('spark: {type: spark}').");
        }
        Engine<? extends SparkSession> engine = config.engine("engine", SparkSession.class);
        int limit = config.section("load_args").integer("collect_limit", (int) SparkRows.DEFAULT_COLLECT_LIMIT);
        if (limit < 1) {
            throw new io.sluice.io.DatasetConfigException(config.location("load_args") + ": " + config.subject()
                    + ": load_args.collect_limit must be at least 1.");
        }
        return new SparkData(config, engine, limit);
    }

    /** The engine's session: created on the first call of the session. */
    SparkSession spark() {
        return engine.get();
    }

    Engine<? extends SparkSession> engine() {
        return engine;
    }

    /** The frame, or its rows collected into the node's list type. */
    Object load(Supplier<Dataset<Row>> frame, Type target) {
        if (isFrame(target)) {
            return frame.get();
        }
        Type element = RowMapper.elementType(target);
        if (element == null) {
            throw new DatasetException(config.subject() + ": cannot load as " + target.getTypeName() + ": "
                    + incompatibility(target).orElse("declare Dataset<Row> or List<YourRecord>") + ".");
        }
        return SparkRows.collect(frame.get(), element, collectLimit, config.subject());
    }

    /** {@code Dataset<Row>} (or untyped), a list of rows (records, POJOs, maps); nothing else. */
    static Optional<String> incompatibility(Type target) {
        if (isFrame(target)) {
            if (target instanceof ParameterizedType p && p.getActualTypeArguments()[0] != Row.class
                    && !(p.getActualTypeArguments()[0] instanceof java.lang.reflect.WildcardType)) {
                return Optional.of("it loads a Dataset<Row>; for typed rows declare List<YourRecord> (collected) or "
                        + "convert in the node with frame.as(Encoders.bean(...))");
            }
            return Optional.empty();
        }
        Type element = RowMapper.elementType(target);
        if (element == null) {
            return Optional.of("it loads a Spark Dataset<Row>, so declare Dataset<Row>, or List<YourRecord> to "
                    + "collect its rows");
        }
        return RowMapper.incompatibility(element);
    }

    /** The frame to write: a {@code Dataset<Row>} as is, a list of records or maps made into one. */
    @SuppressWarnings("unchecked")
    Dataset<Row> toFrame(Object data) {
        if (data instanceof Dataset<?> frame) {
            return (Dataset<Row>) frame;
        }
        if (data instanceof List<?> rows) {
            return SparkRows.toFrame(spark(), rows, config.subject());
        }
        throw new DatasetException(config.subject() + " saves a Spark Dataset<Row> or a list of records, but its "
                + "node returned " + (data == null ? "null" : "a " + data.getClass().getName()) + ".");
    }

    private static boolean isFrame(Type target) {
        Type raw = target instanceof ParameterizedType p ? p.getRawType() : target;
        return raw == Dataset.class || raw == Object.class;
    }
}
