package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.Help;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.Parser;
import io.sluice.cli.args.UsageException;
import io.sluice.config.ConfigInput;
import io.sluice.config.ConfigOverrides;
import io.sluice.config.ConfigSource;
import io.sluice.project.Project;
import io.sluice.project.ProjectLoader;
import io.sluice.run.RunFailedException;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code sluice} command line: {@code run}, {@code runs}, {@code serve}, {@code pipelines},
 * {@code catalog}, {@code clean} and {@code new}.
 *
 * <p>The project's code must be visible to the thread's context class loader: on the class path,
 * or in the directories named by the {@code sluice.project.classpath} system property (which is
 * how the {@code bin/sluice} launcher passes {@code target/classes}). The project is found there
 * through {@link ProjectLoader}, its configuration and data under the project directory
 * ({@code -C DIR}, default the current directory).
 *
 * <p>Exit codes: 0 success, 1 a {@link SluiceException} (message printed, stack trace only with
 * {@code --verbose}), 2 bad usage.
 *
 * <p>Startup time matters (a CLI run is mostly JVM start): this class has no static state, the
 * arguments are read by the small parser of {@link io.sluice.cli.args} (see there why it is not a
 * library), and logging is configured only after the arguments are parsed, when a command
 * actually runs. One instance serves one command line.
 */
public final class SluiceMain {

    /** Exit code of a failed run or any other Sluice error. */
    public static final int EXIT_ERROR = 1;
    /** Exit code of bad usage (unknown option, missing argument). */
    public static final int EXIT_USAGE = 2;

    final PrintWriter out;
    final PrintWriter err;
    private final Commands commands = new Commands();

    /** {@code -C}: the project directory as given. */
    Path projectDir = Path.of("");
    /** {@code -v}. */
    boolean verbose;
    /** {@code -q}. */
    boolean quiet;
    /** {@code --log-format}: {@link Logging#TEXT} or {@link Logging#JSON}. */
    String logFormat = Logging.TEXT;
    /**
     * Ends a long launch ({@code sluice serve}, {@code sluice run --runner api}): fired on SIGTERM
     * or Ctrl-C ({@link Launches}), or by a test or an embedding caller of this instance.
     */
    final io.sluice.launch.StopSignal stop = new io.sluice.launch.StopSignal();

    /** {@code --conf-source}, as given; {@code null} for the project's conf/. */
    String confSource;
    /** {@code --conf-json}, as given. */
    String confJson;
    /** The environment variables ({@code SLUICE_CONF_JSON}); the process's unless a test gives its own. */
    private final Map<String, String> environment;
    /** The config input, opened (an archive read, a URL downloaded) once per command line. */
    private ConfigInput configInput;
    /**
     * Whether a command that runs (not help, not a usage error) starts {@link JdkWarmUp} first:
     * only the {@code sluice} process itself ({@link #main}), not the callers of {@link #execute}.
     */
    private boolean warmUpJdk;

    SluiceMain(PrintWriter out, PrintWriter err) {
        this(out, err, System.getenv());
    }

    SluiceMain(PrintWriter out, PrintWriter err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = Map.copyOf(environment);
    }

    /** Entry point of the {@code sluice} command. */
    public static void main(String[] args) {
        String projectPath = System.getProperty(ProjectClassLoader.PROPERTY);
        if (projectPath != null) {
            Thread.currentThread().setContextClassLoader(
                    ProjectClassLoader.create(projectPath, SluiceMain.class.getClassLoader()));
        }
        SluiceMain main = new SluiceMain(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        main.warmUpJdk = true;
        System.exit(main.execute(args));
    }

    /**
     * Runs the {@code sluice} command line {@code args} in this JVM, as {@link #main} does, and
     * returns its exit code instead of exiting: 0 success (and {@code --help}, {@code --version}),
     * {@link #EXIT_ERROR} a Sluice error, {@link #EXIT_USAGE} bad usage. What the command prints
     * goes to {@code out}, errors and usage problems to {@code err}; both are flushed before it
     * returns. Tests and {@code io.sluice.test.SluiceCommand} call it with their own writers.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return new SluiceMain(out, err).execute(args);
    }

    int execute(String[] args) {
        ParsedArgs parsed;
        Command command;
        try {
            parsed = Parser.parse(commands, args);
            command = command(parsed);
        } catch (UsageException e) {
            return usageError(e, Commands.NAME);
        }
        if (parsed.request() == ParsedArgs.Request.RUN) {
            if (warmUpJdk) {
                JdkWarmUp.start();
            }
            Logging.configure(verbose, quiet, logFormat);
        }
        try {
            return command.call();
        } catch (UsageException e) {
            return usageError(e, Help.qualifiedName(Commands.NAME, parsed.path()));
        } catch (Exception e) {
            return error(e);
        }
    }

    /** Parses {@code args} and returns the command they ask for, without running it. */
    Command parse(String... args) {
        return command(Parser.parse(commands, args));
    }

    /** Takes the global options from {@code parsed}, then builds the command it asks for. */
    private Command command(ParsedArgs parsed) {
        projectDir = Path.of(parsed.value(GlobalOptions.PROJECT, ""));
        verbose = parsed.values(GlobalOptions.VERBOSE).contains("true");
        quiet = parsed.values(GlobalOptions.QUIET).contains("true");
        confSource = parsed.value(GlobalOptions.CONF_SOURCE, null);
        confJson = parsed.value(GlobalOptions.CONF_JSON, null);
        logFormat = parsed.value(GlobalOptions.LOG_FORMAT, Logging.TEXT);
        return commands.create(this, parsed);
    }

    /** Bad usage: the problem, what was probably meant, and where to find help; exit 2. */
    private int usageError(UsageException e, String command) {
        err.println("Error: " + e.getMessage());
        if (e.hint() != null) {
            err.println(e.hint());
        }
        err.println("Try '" + (e.command() != null ? e.command() : command) + " --help' for the options.");
        err.flush();
        return EXIT_USAGE;
    }

    private int error(Exception ex) {
        if (ex instanceof SluiceException) {
            err.println("Error: " + ex.getMessage());
            if (ex instanceof RunFailedException rfe) {
                if (rfe.runId() != null) {
                    err.println("Run " + rfe.runId() + " failed; its journal is .sluice/runs/" + rfe.runId()
                            + "/ (sluice runs show " + rfe.runId() + ")");
                }
                boolean journalled = rfe.runId() != null
                        && new io.sluice.journal.JournalStore(projectDir()).read(rfe.runId()).isPresent();
                if (journalled) {
                    err.println("To resume the run: sluice run --resume " + rfe.runId());
                }
                if (rfe.resume() != null) {
                    err.println((journalled ? "Or as a new run: " : "To resume the run: ")
                            + RunSpecCommand.render(rfe.resume()));
                }
            }
            if (verbose) {
                ex.printStackTrace(err);
            } else if (ex.getCause() != null) {
                err.println("(run with --verbose for the stack trace)");
            }
        } else {
            // Not a user error: a bug in Sluice or in the project's code outside a node. The stack
            // trace is the useful part.
            err.println("Unexpected error: " + ex);
            ex.printStackTrace(err);
        }
        err.flush();
        return EXIT_ERROR;
    }

    /** The project directory, absolute; errors when it is not a Sluice project. */
    Path projectDir() {
        Path dir = projectDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SluiceException("Project directory " + dir + " does not exist. Pass the project root with -C DIR.");
        }
        if (confSource == null && !Files.isDirectory(dir.resolve("conf"))) {
            throw new SluiceException("not a Sluice project (no conf/ here; use -C DIR): " + dir
                    + ". Run sluice in the project root, or give the config with --conf-source; sluice new NAME"
                    + " creates a project.");
        }
        return dir;
    }

    /** The project directory, absolute; errors when it does not exist (conf/ may come from elsewhere). */
    Path projectDirWithoutConfigCheck() {
        Path dir = projectDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SluiceException("Project directory " + dir + " does not exist. Pass the project root with -C DIR.");
        }
        return dir;
    }

    /**
     * Where the config comes from ({@code --conf-source}, relative to the current directory) and
     * its JSON overrides: {@code $SLUICE_CONF_JSON}, then {@code --conf-json} over it. Opened
     * once: an archive is read, a URL downloaded, the JSON parsed on first call.
     */
    ConfigInput configInput() {
        if (configInput == null) {
            ConfigSource source = confSource == null ? null
                    : ConfigSource.open(confSource, Path.of("").toAbsolutePath());
            ConfigOverrides overrides = ConfigOverrides.none();
            String fromEnv = environment.get(ConfigOverrides.ENV_VAR);
            if (fromEnv != null && !fromEnv.isBlank()) {
                overrides = ConfigOverrides.parse(fromEnv, ConfigOverrides.ENV_VAR);
            }
            if (confJson != null) {
                overrides = ConfigOverrides.parse(confJson, GlobalOptions.CONF_JSON).over(overrides);
            }
            configInput = new ConfigInput(source, overrides);
        }
        return configInput;
    }

    /** Loads the project from the class path and compiles it for {@code env} and {@code params}. */
    Session openSession(String env, Map<String, Object> params) {
        return openSession(env, params, true);
    }

    /**
     * @param loadArtifactsOnce false for commands that run once (read inputs within the run,
     *                          release them after their last reader)
     */
    Session openSession(String env, Map<String, Object> params, boolean loadArtifactsOnce) {
        return openSession(env, params, loadArtifactsOnce, Thread.currentThread().getContextClassLoader());
    }

    /** @param loader where the project class is found ({@code sluice viz --watch} passes a fresh one per load) */
    Session openSession(String env, Map<String, Object> params, boolean loadArtifactsOnce, ClassLoader loader) {
        Path dir = projectDir();
        Project project = loadProject(loader != null ? loader : SluiceMain.class.getClassLoader());
        return Session.compile(project, new SessionOptions(dir, env, params, loadArtifactsOnce).withConfig(configInput()));
    }

    /** The project found through {@code loader}, its own loggers at Sluice's level ({@link Logging#includeProject}). */
    private Project loadProject(ClassLoader loader) {
        Project project = ProjectLoader.load(loader);
        Logging.includeProject(project.getClass().getPackageName(), verbose, quiet);
        return project;
    }
}
