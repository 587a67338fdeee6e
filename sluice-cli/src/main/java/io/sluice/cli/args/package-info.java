/**
 * The command-line layer of {@code sluice}: commands and options declared as data
 * ({@link io.sluice.cli.args.CommandDef}, {@link io.sluice.cli.args.OptionDef},
 * {@link io.sluice.cli.args.ParamDef}), a {@link io.sluice.cli.args.Parser} that turns the
 * arguments into {@link io.sluice.cli.args.ParsedArgs}, and {@link io.sluice.cli.args.Help},
 * which renders a command's help. It knows nothing of Sluice itself: the commands and what they
 * do live in {@code io.sluice.cli}.
 *
 * <p><b>Why hand-written.</b> Sluice prefers libraries for solved problems, and command-line
 * parsing is one; this package replaces picocli for start-up time alone. Measured on JDK 25
 * with an AOT cache through {@code bin/sluice}, building picocli's {@code CommandLine} cost 90 to
 * 145 ms of a 0.62 s {@code sluice run} of a ten-node project, and that cost does not go away
 * with a smaller model: a single one-option command built programmatically still takes about
 * 165 ms on first construction, because picocli's static initialisation touches regular
 * expressions, java.time, reflection, annotation proxies and the class-file API, all still
 * interpreted in a fresh JVM. The target for a whole {@code sluice run} is 0.45 s. This layer
 * uses no reflection, annotations, regular expressions, lambdas or streams on the parsing path,
 * and only the definitions of the command being run are built, so parsing costs about a
 * millisecond in a cold JVM. It covers what {@code sluice} uses and no more: short and long
 * options, {@code --opt=value} and {@code --opt value}, clustered short flags ({@code -vq},
 * {@code -Cdir}), repeatable and comma-split options, int and one-of values, positional
 * parameters, nested subcommands, options inherited by subcommands, {@code --} and
 * {@code -h}/{@code --help}/{@code -V}/{@code --version} on every command.
 */
package io.sluice.cli.args;
