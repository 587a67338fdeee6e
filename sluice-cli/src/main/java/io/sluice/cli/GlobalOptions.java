package io.sluice.cli;

import io.sluice.cli.args.OptionDef;
import java.util.List;

/**
 * The options every command accepts ({@code -C}, {@code -v}, {@code -q}, {@code --conf-source},
 * {@code --conf-json}, {@code --log-format}), before or after the
 * subcommand name: the root declares them for all its subcommands, and {@link SluiceMain} reads
 * them once, whatever the level they were given at, so {@code sluice -v run} and
 * {@code sluice run -v} mean the same.
 */
final class GlobalOptions {
    static final String PROJECT = "--project";
    static final String VERBOSE = "--verbose";
    static final String QUIET = "--quiet";
    static final String CONF_SOURCE = "--conf-source";
    static final String CONF_JSON = "--conf-json";
    static final String LOG_FORMAT = "--log-format";

    private GlobalOptions() {
    }

    static List<OptionDef> definitions() {
        return List.of(
                OptionDef.value("-C, --project", "DIR", "Project directory: holds conf/ and data/ and receives "
                        + ".sluice/ (default: the current directory).").inheritedBySubcommands(),
                OptionDef.flag("-v, --verbose", "Print stack traces of errors and debug logging.")
                        .inheritedBySubcommands(),
                OptionDef.flag("-q, --quiet", "Print warnings and errors only: no progress, no info logging.")
                        .inheritedBySubcommands(),
                OptionDef.value(CONF_SOURCE, "SOURCE", "Read the config from SOURCE instead of the project's conf/: a "
                        + "folder holding base/, a .zip or .tar.gz of one (sluice package writes it), or an "
                        + "http(s):// URL of such an archive.").inheritedBySubcommands(),
                OptionDef.value(CONF_JSON, "JSON", "Config overrides as JSON by kind, then top-level key, e.g. "
                        + "'{\"parameters\": {\"lr\": 0.1}}'; each key replaces the files' one whole, like an "
                        + "environment (over $SLUICE_CONF_JSON).").inheritedBySubcommands(),
                OptionDef.value(LOG_FORMAT, "FORMAT", "Logs on stderr as text (default; coloured on a terminal "
                        + "unless NO_COLOR is set) or json: one object per line with the run id, pipeline and "
                        + "node under mdc.").oneOf(List.of(Logging.TEXT, Logging.JSON)).inheritedBySubcommands());
    }
}
