package io.sluice.launch;

import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;

/**
 * One request handed to a {@link Launcher}: the compiled session, the spec asked for (its
 * {@code runner} is the launcher's entry name), what the caller injects, where to report, and the
 * signal that asks a long launch to stop. {@link #proceed} runs a spec through the wrapped entry.
 * Immutable; {@link #proceed} may be called from several threads at once.
 */
public final class Launch {
    private final LauncherCatalog catalog;
    private final LauncherEntry entry;
    private final Session session;
    private final RunSpec spec;
    private final Injected injected;
    private final PrintWriter out;
    private final StopSignal stop;

    Launch(LauncherCatalog catalog, LauncherEntry entry, Session session, RunSpec spec, Injected injected,
           PrintWriter out, StopSignal stop) {
        this.catalog = catalog;
        this.entry = entry;
        this.session = session;
        this.spec = spec;
        this.injected = injected;
        this.out = out;
        this.stop = stop;
    }

    /** The compiled session: its pipelines, catalog, parameters, config. */
    public Session session() {
        return session;
    }

    /** The spec asked for. */
    public RunSpec spec() {
        return spec;
    }

    /** What the caller injects into its runs (values, hooks). */
    public Injected injected() {
        return injected;
    }

    /** The launcher's own entry. */
    public LauncherEntry entry() {
        return entry;
    }

    /** Where to report progress and summaries (the command line's standard output). */
    public PrintWriter out() {
        return out;
    }

    /** Fired when the launch should stop (SIGTERM, Ctrl-C, the embedding application). */
    public StopSignal stop() {
        return stop;
    }

    /**
     * The name of the runner entry at the end of the chain of wrapped entries: the runner the runs
     * of this launch use.
     */
    public String runner() {
        return catalog.runnerOf(entry.wraps());
    }

    /** {@link #proceed(RunSpec, Injected)} with this launch's injected values and hooks. */
    public List<RunResult> proceed(RunSpec spec) throws Exception {
        return proceed(spec, injected);
    }

    /**
     * Runs {@code spec} through the wrapped entry — its {@code runner} replaced by that entry's
     * name: once when it is a runner, as that launcher decides when it is a launcher.
     */
    public List<RunResult> proceed(RunSpec spec, Injected injected) throws Exception {
        Objects.requireNonNull(spec, "spec");
        return catalog.launch(entry.wraps(), session, spec, injected, out, stop);
    }
}
