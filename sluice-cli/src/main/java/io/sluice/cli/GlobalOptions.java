package io.sluice.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command accepts ({@code -C}, {@code -v}, {@code -q}), before or after the
 * subcommand name. Each command mixes in its own instance; the setters store the values on the
 * single {@link SluiceMain} at the root, so {@code sluice -v run} and {@code sluice run -v} mean
 * the same. Setters only ever set a value, never reset one, so a later (sub)command cannot undo
 * an option given earlier on the line.
 */
final class GlobalOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = {"-C", "--project"}, paramLabel = "DIR",
            description = "Project directory: holds conf/ and data/ and receives .sluice/ (default: the current directory).")
    void setProject(Path dir) {
        if (dir != null) {
            root().projectDir = dir;
        }
    }

    @Option(names = {"-v", "--verbose"}, description = "Print stack traces of errors and debug logging.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            root().verbose = true;
        }
    }

    @Option(names = {"-q", "--quiet"}, description = "Print warnings and errors only: no progress, no info logging.")
    void setQuiet(boolean quiet) {
        if (quiet) {
            root().quiet = true;
        }
    }

    private SluiceMain root() {
        return (SluiceMain) mixee.root().userObject();
    }
}
