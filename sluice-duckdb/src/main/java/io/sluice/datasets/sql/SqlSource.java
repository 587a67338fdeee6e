package io.sluice.datasets.sql;

import io.sluice.engine.Engine;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where a SQL dataset gets its connections: the engine its entry names ({@code engine:
 * warehouse}), or its own connection ({@code url}, {@code credentials}) kept in the catalog's
 * registry by {@link JdbcConnections}. Either way the session owns it and closes it.
 */
final class SqlSource {
    private final JdbcTarget target;
    private final JdbcConnections own;
    private final Engine<? extends DataSource> engine;

    private SqlSource(JdbcTarget target, JdbcConnections own, Engine<? extends DataSource> engine) {
        this.target = target;
        this.own = own;
        this.engine = engine;
    }

    /**
     * Reads {@code engine}, or else {@code url} and {@code credentials}, from a SQL dataset's entry.
     *
     * @throws DatasetConfigException for an entry with both, or an engine that is not declared or
     *                                does not supply a {@link DataSource}
     */
    static SqlSource from(DatasetConfig config) {
        if (!config.has("engine")) {
            return new SqlSource(JdbcTarget.from(config), JdbcConnections.in(config.resources()), null);
        }
        for (String own : List.of("url", "credentials")) {
            if (config.has(own)) {
                throw new DatasetConfigException(config.location(own) + ": " + config.subject() + " names engine '"
                        + config.string("engine") + "' and also has '" + own + "'. The engine is the connection:"
                        + " remove '" + own + "' (set it on the engine in engines.yml), or remove 'engine'.");
            }
        }
        Engine<? extends DataSource> engine = config.engine("engine", DataSource.class);
        JdbcTarget target = engine instanceof JdbcEngine jdbc ? jdbc.target()
                : JdbcTarget.of("engine:" + engine.name(), null, null); // a user engine: its URL is its own business
        return new SqlSource(target, null, engine);
    }

    /** A connection; the caller closes it. Creates the engine's client on first use. */
    Connection open() throws SQLException {
        return engine == null ? own.open(target) : engine.get().getConnection();
    }

    /** Where the connections go, for dialects, messages (masked) and lease keys. */
    JdbcTarget target() {
        return target;
    }

    /** The engine named by the entry, if any. */
    Optional<Engine<? extends DataSource>> engine() {
        return Optional.ofNullable(engine);
    }

    /** {@code url} as {@code describe()} shows it, and the engine when there is one. */
    void describeInto(java.util.Map<String, Object> out) {
        out.put("url", target.displayUrl());
        if (engine != null) {
            out.put("engine", engine.name());
        }
    }
}
