package io.sluice.resource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The closeable things one owner shares between its users and closes when it ends: the JDBC pools
 * and in-process DuckDB databases of a session's datasets that connect on their own, and the
 * clients of the engines of {@code engines.yml} ({@link io.sluice.engine.EngineCatalog} keeps them
 * in a registry of its own).
 *
 * <p>{@link #shared(String, Supplier)} creates the resource of a key on first use and returns the
 * same one afterwards, to every thread; creation happens once per key even when threads ask at the
 * same moment (they wait for the first), and creating one key does not hold up users of another.
 * A creation that throws leaves nothing behind, so the next call tries again.
 *
 * <p>{@link #close()} closes every resource in the reverse order of creation, so a resource made
 * from another (a pool over a driver, a session over a pool) is closed before what it uses. It
 * closes all of them even when some fail, then reports the failures together in a
 * {@link ResourceCloseException}. Once closed, the registry refuses {@code shared} with an
 * {@link IllegalStateException} naming the key asked for; closing again does nothing.
 *
 * <p><b>Who owns a registry.</b> A {@link io.sluice.io.DataCatalog} creates one and closes it in
 * {@link io.sluice.io.DataCatalog#close()}, which the session calls when it closes; datasets reach
 * it through {@link io.sluice.io.DatasetConfig#resources()}. Code that creates a registry itself
 * closes it itself.
 *
 * <p><b>Keys.</b> A key names one resource within the registry and appears in error messages, so
 * it must not hold secrets (mask passwords in URLs). Prefix keys by what they hold
 * ({@code "jdbc pool ..."}, {@code "duckdb ..."}): the registry does not know the types, and a key
 * reused for another kind of resource fails with a {@link ClassCastException} at the caller.
 */
public final class Resources implements AutoCloseable {
    private final String owner;
    private final Object lock = new Object();
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    /** The slots whose resource exists, in creation order; guarded by {@link #lock}. */
    private final List<Slot> created = new ArrayList<>();
    private volatile boolean closed;

    /**
     * An open, empty registry.
     *
     * @param owner who the resources serve, as error messages name it (e.g. "the catalog of
     *              /work/spaceflights")
     */
    public Resources(String owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    /**
     * The resource of {@code key}: the one created earlier, or a new one from {@code create}
     * (called at most once per key while it succeeds, never while another thread is creating the
     * same key).
     *
     * @throws IllegalStateException when the registry is closed, when {@code create} returns null
     *                               or asks for the key it is creating
     * @throws RuntimeException      whatever {@code create} throws; nothing is kept for the key
     */
    @SuppressWarnings("unchecked")
    public <T extends AutoCloseable> T shared(String key, Supplier<T> create) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(create, "create");
        Slot slot = slots.get(key);
        if (slot == null) {
            synchronized (lock) {
                requireOpen(key);
                slot = slots.computeIfAbsent(key, Slot::new);
            }
        }
        AutoCloseable resource = slot.resource;
        if (resource == null) {
            resource = slot.create(create);
        }
        requireOpen(key);
        return (T) resource;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes every resource created so far, newest first; later calls do nothing.
     *
     * @throws ResourceCloseException naming each resource whose {@code close} threw, after all
     *                                were closed
     */
    @Override
    public void close() {
        List<Slot> toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(created);
            created.clear();
            slots.clear();
        }
        Map<String, Exception> failures = new LinkedHashMap<>();
        for (int i = toClose.size() - 1; i >= 0; i--) {
            Slot slot = toClose.get(i);
            try {
                slot.resource.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failures.put(slot.key, e);
            }
        }
        if (!failures.isEmpty()) {
            throw new ResourceCloseException(owner, failures);
        }
    }

    @Override
    public String toString() {
        return "Resources[" + owner + (closed ? ", closed" : ", " + createdCount() + " created") + "]";
    }

    private int createdCount() {
        synchronized (lock) {
            return created.size();
        }
    }

    private void requireOpen(String key) {
        if (closed) {
            throw new IllegalStateException("The resources of " + owner + " are closed: cannot use '" + key
                    + "'. Keep the session (or catalog) open while its datasets load and save.");
        }
    }

    /** One key's resource; its monitor serialises the creation of that key only. */
    private final class Slot {
        final String key;
        volatile AutoCloseable resource;
        private Thread creator;

        Slot(String key) {
            this.key = key;
        }

        synchronized AutoCloseable create(Supplier<? extends AutoCloseable> create) {
            if (resource != null) {
                return resource; // another thread created it while this one waited
            }
            if (creator == Thread.currentThread()) {
                throw new IllegalStateException("Resource '" + key + "' of " + owner + " was asked for while it"
                        + " was being created (its creation uses itself).");
            }
            requireOpen(key);
            AutoCloseable made;
            creator = Thread.currentThread();
            try {
                made = create.get();
            } finally {
                creator = null;
            }
            if (made == null) {
                throw new IllegalStateException("Creating resource '" + key + "' of " + owner + " returned null.");
            }
            synchronized (lock) {
                if (!closed) {
                    created.add(this);
                    resource = made;
                    return made;
                }
            }
            // Closed while this was being created: nobody else will close it.
            IllegalStateException refused = new IllegalStateException("The resources of " + owner
                    + " were closed while '" + key + "' was being created; it was closed again.");
            try {
                made.close();
            } catch (Exception e) {
                refused.addSuppressed(e);
            }
            throw refused;
        }
    }
}
