package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.project.Project;
import io.sluice.project.ProjectLoader;
import io.sluice.run.RunFailedException;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

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
 * <p>Startup time matters (a CLI run is mostly JVM start): this class has no static state, and
 * logging is configured only after the arguments are parsed, when a command actually runs.
 */
@Command(name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceMain.Version.class,
        description = "Run and inspect the pipelines of a Sluice project.",
        subcommands = {RunCommand.class, RunsCommand.class, ServeCommand.class, PipelinesCommand.class,
                CatalogCommand.class, NewCommand.class, CleanCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Environment:",
                "  SLUICE_ENV        config environment when --env is not given (default: local)",
                "  SLUICE_JAVA_OPTS  JVM options for bin/sluice (see README)"})
public final class SluiceMain implements Runnable {

    /** Exit code of a failed run or any other Sluice error. */
    public static final int EXIT_ERROR = 1;
    /** Exit code of bad usage (unknown option, missing argument). */
    public static final int EXIT_USAGE = 2;

    @Mixin
    GlobalOptions globalOptions;

    @Spec
    CommandSpec spec;

    Path projectDir = Path.of("");
    boolean verbose;
    boolean quiet;

    /** Entry point of the {@code sluice} command. */
    public static void main(String[] args) {
        String projectPath = System.getProperty(ProjectClassLoader.PROPERTY);
        if (projectPath != null) {
            Thread.currentThread().setContextClassLoader(
                    ProjectClassLoader.create(projectPath, SluiceMain.class.getClassLoader()));
        }
        System.exit(newCommandLine().execute(args));
    }

    /**
     * A fresh command line, configured as {@link #main} uses it; tests call
     * {@code execute(args)} on it with their own out/err writers.
     */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new SluiceMain());
        cl.setExecutionStrategy(SluiceMain::execute);
        cl.setExecutionExceptionHandler(SluiceMain::handleError);
        cl.setParameterExceptionHandler(SluiceMain::handleUsageError);
        return cl;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: run, runs, pipelines, catalog, serve, clean or new.");
    }

    /** Configures logging from the parsed options, then runs the chosen (sub)command. */
    private static int execute(ParseResult parseResult) {
        Integer helpExitCode = CommandLine.executeHelpRequest(parseResult);
        if (helpExitCode != null) {
            return helpExitCode;
        }
        SluiceMain root = (SluiceMain) parseResult.commandSpec().root().userObject();
        Logging.configure(root.verbose, root.quiet);
        return new CommandLine.RunLast().execute(parseResult);
    }

    /** Bad usage: the problem, a suggestion for a misspelt option, and where to find help; exit 2. */
    private static int handleUsageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("Error: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int handleError(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        SluiceMain root = (SluiceMain) commandLine.getCommandSpec().root().userObject();
        PrintWriter err = commandLine.getErr();
        if (ex instanceof SluiceException) {
            err.println("Error: " + ex.getMessage());
            if (ex instanceof RunFailedException rfe) {
                if (rfe.runId() != null) {
                    err.println("Run " + rfe.runId() + " failed; its journal is .sluice/runs/" + rfe.runId()
                            + "/ (sluice runs show " + rfe.runId() + ")");
                }
                if (rfe.resume() != null) {
                    err.println("To resume the run: " + RunSpecCommand.render(rfe.resume()));
                }
            }
            if (root.verbose) {
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
        if (!Files.isDirectory(dir.resolve("conf"))) {
            throw new SluiceException(dir + " is not a Sluice project: it has no conf/ directory. "
                    + "Run sluice in the project root or pass it with -C DIR.");
        }
        return dir;
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
        Path dir = projectDir();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Project project = ProjectLoader.load(loader != null ? loader : SluiceMain.class.getClassLoader());
        return Session.compile(project, new SessionOptions(dir, env, params, loadArtifactsOnce));
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SluiceMain.class.getPackage().getImplementationVersion();
            return new String[] {"sluice " + (v != null ? v : "(development build)"),
                    "Java " + System.getProperty("java.version") + " " + System.getProperty("java.vm.name")};
        }
    }
}
