package io.sluice.cli;

import io.sluice.launch.LauncherCatalog;
import io.sluice.launch.StopSignal;
import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How the command line carries out a launch ({@code sluice run --runner NAME} of a launcher
 * entry, {@code sluice serve}): SIGTERM or Ctrl-C fires the launch's stop signal and waits (at
 * most a minute) for the launcher to wind down — a server finishes its runs in progress — and
 * for the session to close, so that the JVM does not halt before either.
 */
final class Launches {
    private Launches() {
    }

    /**
     * Launches {@code spec} through {@code launchers} until it ends ({@code stop} ends a long one),
     * then closes {@code session}.
     */
    static List<RunResult> untilStopped(LauncherCatalog launchers, Session session, RunSpec spec, PrintWriter out,
                                        StopSignal stop) throws Exception {
        return untilStopped(stop, session, () -> launchers.launch(session, spec, Injected.NONE, out, stop));
    }

    /**
     * Runs {@code body} (which ends once {@code stop} fires) until it returns, SIGTERM or Ctrl-C
     * firing {@code stop}, then closes {@code session}; the JVM's shutdown waits (at most a minute)
     * for both.
     */
    static <T> T untilStopped(StopSignal stop, Session session, java.util.concurrent.Callable<T> body)
            throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> {
            stop.fire();
            try {
                ended.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sluice-launch-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            return body.call();
        } finally {
            try {
                session.close();
            } finally {
                ended.countDown();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the launch has ended
            }
        }
    }
}
