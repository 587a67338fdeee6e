package io.sluice.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VizSource} that follows the project ({@code sluice viz --watch}): it polls the
 * modification times and sizes of the files the page is drawn from and, when they changed, loads
 * the source afresh and counts a new {@link State#version() version}, which the page polls through
 * {@code api/version.json} and then reloads its data.
 *
 * <p>Polling rather than {@code java.nio.file.WatchService}: the service watches one directory, not a
 * tree (a build rewrites nested {@code target/classes/...} directories, which would each need
 * registering as they appear), misses events for directories replaced whole ({@code mvn clean}),
 * and falls back to polling itself on file systems without inotify (overlay and network mounts,
 * macOS). A walk of {@code conf/} and the class directories every half second costs well under a
 * millisecond for a project's few hundred files.
 *
 * <p>Bursts are debounced: a change is acted on once two successive polls see the same files, so
 * a compiler writing classes for a second reloads once, after it finished. A load that fails (a
 * YAML error, a class that no longer compiles into a project) keeps the last good source and
 * reports the error with the new version until a later load succeeds. Changes under the run
 * directories only count a version: runs are read from the journal on each request anyway.
 */
public final class WatchedSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedSource.class);

    /** Loads the source afresh: compiles the session again, or re-reads the document. */
    @FunctionalInterface
    public interface Loader {
        /** The new source; any exception is reported as the version's error. */
        VizSource load() throws Exception;
    }

    /**
     * One version of what is served.
     *
     * @param version counts changes seen, from 1
     * @param source  the last source that loaded
     * @param error   why the last load failed, or null when {@code source} is up to date
     */
    public record State(long version, VizSource source, String error) {
    }

    private final Loader loader;
    private final List<Path> sources;
    private final List<Path> runs;
    private final ScheduledExecutorService timer;
    private volatile State state;
    // touched by the timer thread only
    private long seenSources;
    private long appliedSources;
    private long seenRuns;
    private long appliedRuns;

    private WatchedSource(VizSource first, Loader loader, List<Path> sources, List<Path> runs) {
        this.loader = loader;
        this.sources = List.copyOf(sources);
        this.runs = List.copyOf(runs);
        this.state = new State(1, first, null);
        this.seenSources = appliedSources = fingerprint(this.sources);
        this.seenRuns = appliedRuns = fingerprint(this.runs);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-viz-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts watching.
     *
     * @param first    the source as loaded now (served as version 1)
     * @param loader   loads it again after a change under {@code sources}
     * @param sources  files or directory trees whose change means loading again (conf, classes, the document)
     * @param runs     directory trees whose change only means a new version (the run journal)
     * @param interval how often to look, e.g. 500 ms
     */
    public static WatchedSource start(VizSource first, Loader loader, List<Path> sources, List<Path> runs,
                                      Duration interval) {
        WatchedSource watched = new WatchedSource(first, loader, sources, runs);
        long ms = Math.max(1, interval.toMillis());
        watched.timer.scheduleWithFixedDelay(watched::poll, ms, ms, TimeUnit.MILLISECONDS);
        return watched;
    }

    /** What is served now. */
    public State state() {
        return state;
    }

    private void poll() {
        try {
            long nowSources = fingerprint(sources);
            long nowRuns = fingerprint(runs);
            boolean settled = nowSources == seenSources && nowRuns == seenRuns;
            seenSources = nowSources;
            seenRuns = nowRuns;
            if (!settled) {
                return; // still changing: wait for a quiet poll
            }
            if (nowSources != appliedSources) {
                appliedSources = nowSources;
                appliedRuns = nowRuns;
                reload();
            } else if (nowRuns != appliedRuns) {
                appliedRuns = nowRuns;
                State s = state;
                state = new State(s.version() + 1, s.source(), s.error());
            }
        } catch (RuntimeException e) {
            LOG.warn("viz --watch: polling failed", e);
        }
    }

    private void reload() {
        State before = state;
        VizSource next;
        try {
            next = loader.load();
        } catch (Exception | LinkageError e) {
            String message = message(e);
            LOG.warn("viz --watch: reloading failed: {}", message);
            state = new State(before.version() + 1, before.source(), message);
            return;
        }
        state = new State(before.version() + 1, next, null);
        LOG.info("viz --watch: reloaded (version {})", before.version() + 1);
        release(before.source());
    }

    private static String message(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null && sb.length() < 4000; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getName() : t.getMessage();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : "\nCaused by: ").append(m);
            }
        }
        return sb.toString();
    }

    private static void release(VizSource old) {
        if (old instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("viz --watch: closing the previous source failed", e);
            }
        }
    }

    /** A hash of every regular file's path, size and modification time under {@code roots}. */
    static long fingerprint(List<Path> roots) {
        long h = 1;
        for (Path root : roots) {
            h = 31 * h + root.hashCode();
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(f, BasicFileAttributes.class);
                    } catch (IOException gone) {
                        continue; // deleted while walking: the next poll sees it
                    }
                    if (a.isRegularFile()) {
                        h = 31 * (31 * (31 * h + f.hashCode()) + a.size()) + a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                h = 31 * h + 7; // unreadable while being rewritten: counts as a change, settles later
            }
        }
        return h;
    }

    /** Stops watching and closes the source when it is closeable. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release(state.source());
    }
}
