package io.sluice.launch;

import io.sluice.run.RunResult;
import java.util.List;

/**
 * Running logic around whole runs — the second level of the runner SPI, above the node runners
 * ({@link io.sluice.runner.Runner}, which schedule the nodes of one run). A launcher receives the
 * compiled session and the request ({@link Launch}) and decides what runs and how often: checks
 * before and actions after, the same pipeline over a grid of parameters, an HTTP server instead of
 * one run. It runs what it decides through {@link Launch#proceed}, which goes to the entry it
 * wraps — a runner, or another launcher.
 *
 * <p>Declared in {@code runners.yml} with a {@code launcher:} key instead of {@code type:}:
 * <pre>{@code
 * tuning:
 *   launcher: sweep            # a LauncherType's name, or a class implementing Launcher
 *   wraps: parallel4           # the entry it runs through (default: the runner entry 'default')
 *   grid: {model.alpha: [0.1, 1, 10]}
 * }</pre>
 * and used like any entry: {@code sluice run --runner tuning}. A launcher is built once per
 * session and may serve several launches at a time: keep per-launch state in locals.
 */
@FunctionalInterface
public interface Launcher {

    /**
     * Carries out one request.
     *
     * @return the runs it made, in the order they ended (empty for a launcher that ran none)
     * @throws Exception a failed run's {@link io.sluice.run.RunFailedException}, a refusal
     *                   ({@link LaunchRefusedException}), or what the launcher's own work threw
     */
    List<RunResult> launch(Launch launch) throws Exception;
}
