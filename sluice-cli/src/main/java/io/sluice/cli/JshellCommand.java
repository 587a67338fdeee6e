package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.ParsedArgs;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sluice jshell}: the JDK's {@code jshell} on the project's class path, with a startup
 * script that compiles the project and defines {@code session} (the compiled
 * {@link io.sluice.session.Session}), {@code catalog}, {@code pipelines} (by name) and
 * {@code params}, and imports Sluice's packages — the counterpart of Kedro's {@code kedro ipython}.
 * jshell runs in the foreground with this process's terminal; its exit code is the command's.
 */
final class JshellCommand implements Command {
    private final SluiceMain root;
    private final String env;

    JshellCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        this.env = EnvOption.value(args);
    }

    static CommandDef definition() {
        return CommandDef.of("jshell", "Start the JDK's jshell on the project's class path with the project compiled: "
                        + "session (the Session), catalog, pipelines (by name) and params are defined, and "
                        + "io.sluice.{session,run,pipeline,io} imported. Run a pipeline with "
                        + "session.run(RunSpec.ofDefault()), load a dataset with catalog.dataset(\"x\").load(). "
                        + "Type /exit to leave.")
                .withOptions(List.of(EnvOption.definition()));
    }

    @Override
    public int call() throws IOException, InterruptedException {
        Path dir = root.projectDir();
        Path startup = Files.createTempFile("sluice-jshell-", ".jsh");
        try {
            Files.writeString(startup, startupScript(dir, env));
            Process jshell = new ProcessBuilder(command(jshell(), Runtime.version().feature(), classPath(), startup))
                    .inheritIO().start();
            return jshell.waitFor();
        } finally {
            Files.deleteIfExists(startup);
        }
    }

    /** The jshell of the JDK running this command; a JRE has none. */
    static Path jshell() {
        Path home = Path.of(System.getProperty("java.home"));
        for (String name : List.of("jshell", "jshell.exe")) {
            Path bin = home.resolve("bin").resolve(name);
            if (Files.isExecutable(bin)) {
                return bin;
            }
        }
        throw new SluiceException("No jshell in " + home + ": sluice jshell needs a JDK, not a JRE. Point SLUICE_JDK "
                + "(or JAVA_HOME) at a JDK 17 or newer.");
    }

    /** This JVM's class path, then the project's classes that the launcher passes apart ({@code target/classes}). */
    static String classPath() {
        List<String> entries = new ArrayList<>();
        entries.add(System.getProperty("java.class.path"));
        String project = System.getProperty(ProjectClassLoader.PROPERTY);
        if (project != null && !project.isEmpty()) {
            entries.add(project);
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The jshell command line; {@code javaFeature} is the JDK's version. On 24 and later the JVM
     * that runs the snippets (and so the project's datasets) gets native access, as
     * {@code bin/sluice} gives runs: DuckDB and ONNX Runtime load native libraries, which JDK 24+
     * warns about otherwise (JEP 472).
     */
    static List<String> command(Path jshell, int javaFeature, String classPath, Path startup) {
        List<String> command = new ArrayList<>(List.of(jshell.toString()));
        if (javaFeature >= 24) {
            command.add("-R--enable-native-access=ALL-UNNAMED");
        }
        command.addAll(List.of("--class-path", classPath, "--startup", "DEFAULT", "--startup", startup.toString()));
        return command;
    }

    /** The definitions jshell starts with: imports, then the compiled session and its parts. */
    static String startupScript(Path dir, String env) {
        return """
                import io.sluice.io.*;
                import io.sluice.pipeline.*;
                import io.sluice.run.*;
                import io.sluice.session.*;
                import java.nio.file.*;
                Session session = Session.compile(io.sluice.project.ProjectLoader.load(Session.class.getClassLoader()), \
                new SessionOptions(Path.of(%s), %s, Map.of()));
                Runtime.getRuntime().addShutdownHook(new Thread(session::close));
                DataCatalog catalog = session.catalog();
                Map<String, Pipeline> pipelines = new TreeMap<>();
                for (String name : session.pipelineNames()) pipelines.put(name, session.pipeline(name));
                Map<String, Object> params = session.parameters().asMap();
                System.out.println("Sluice project " + session.project().name() + " (env " + session.options().env() \
                + "): session, catalog, pipelines " + pipelines.keySet() + ", params");
                """.formatted(javaString(dir.toString()), javaString(env));
    }

    /** {@code text} as a Java string literal. */
    static String javaString(String text) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"', '\\' -> s.append('\\').append(c);
                case '\n' -> s.append("\\n");
                default -> s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
