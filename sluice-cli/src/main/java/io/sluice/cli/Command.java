package io.sluice.cli;

/**
 * A command of the {@code sluice} line, built from its parsed arguments and ready to run. A
 * {@link io.sluice.cli.args.UsageException} from {@link #call} is bad usage (exit 2), a
 * {@link io.sluice.SluiceException} a Sluice error (exit 1).
 */
interface Command {

    /** Runs the command; returns its exit code. */
    int call() throws Exception;
}
