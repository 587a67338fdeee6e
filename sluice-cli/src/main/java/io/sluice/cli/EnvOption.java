package io.sluice.cli;

import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;

/** {@code --env}, shared by the commands that compile the project. */
final class EnvOption {
    static final String KEY = "--env";

    private EnvOption() {
    }

    static OptionDef definition() {
        return OptionDef.value("-e, --env", "ENV",
                "Configuration environment layered over conf/base (default: $SLUICE_ENV, else local).");
    }

    /** The environment given, else {@code $SLUICE_ENV}, else {@code local}. */
    static String value(ParsedArgs args) {
        String fromEnvironment = System.getenv("SLUICE_ENV");
        return args.value(KEY, fromEnvironment != null ? fromEnvironment : "local");
    }
}
