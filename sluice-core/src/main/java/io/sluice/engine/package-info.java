/**
 * Engines: named, session-scoped clients of external backends (a JDBC pool, an HTTP client, a
 * Spark session) declared in {@code engines.yml} beside {@code catalog.yml}.
 *
 * <p>An {@link io.sluice.engine.Engine} is built from its entry when the session compiles (its
 * config bound and checked, nothing connected), creates its client on the first
 * {@link io.sluice.engine.Engine#get()} and shares it with every node, dataset, thread and run of
 * the session, and is closed with the session, newest first. Kinds of engines are
 * {@link io.sluice.engine.EngineType}s found through {@link java.util.ServiceLoader}, or classes
 * named by their fully qualified name. The {@link io.sluice.engine.EngineCatalog} is built before
 * the data catalog, so datasets can name an engine ({@code engine: warehouse}) instead of holding
 * a connection of their own; nodes receive one as an input {@code engine:<name>}.
 *
 * <p>Nothing here is process-global, and engines are never serialised: another process rebuilds
 * them from their name and config.
 */
package io.sluice.engine;
