package io.sluice.launch.process;

import io.sluice.config.ConfigBinder;
import java.time.Duration;
import java.util.List;

/**
 * The keys of a {@code process} entry of {@code runners.yml}:
 * <pre>{@code
 * by_process:
 *   launcher: process
 *   wraps: default        # the runner each group's process uses (default: the entry 'default')
 *   max_parallel: 4       # groups at a time (default 2)
 *   command: [bin/sluice] # how to start sluice (default: this JVM's java, class path and io.sluice.cli.SluiceMain)
 *   grace: 10s            # on stop: how long children get to end before they are killed (default 10s)
 * }</pre>
 *
 * @param command     the command that starts the {@code sluice} command line; its first element
 *                    relative to the project directory when it contains a slash; empty for this JVM's
 * @param maxParallel how many group processes run at a time
 * @param grace       how long a child asked to stop may take before it is killed
 */
public record ProcessConfig(List<String> command,
                            @ConfigBinder.Range(min = 1, max = 1024)
                            @ConfigBinder.Fix("Set how many group processes run at a time, e.g. 'max_parallel: 4'.")
                            int maxParallel,
                            Duration grace) {

    /** This JVM, two groups at a time, ten seconds of grace. */
    static final ProcessConfig DEFAULTS = new ProcessConfig(List.of(), 2, Duration.ofSeconds(10));

    public ProcessConfig {
        command = command == null ? List.of() : List.copyOf(command);
        grace = grace == null ? DEFAULTS.grace() : grace;
    }
}
