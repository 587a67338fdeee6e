package io.sluice.cli;

import picocli.CommandLine.Option;

/** {@code --env} for the commands that compile the project without running it. */
final class EnvOption {
    @Option(names = {"-e", "--env"}, paramLabel = "ENV", defaultValue = "${env:SLUICE_ENV:-local}",
            description = "Configuration environment layered over conf/base (default: $SLUICE_ENV, else local).")
    String env;
}
