package io.sluice.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sluice new NAME}: scaffolds a ready-to-build project in {@code PARENT/NAME} (see
 * {@link NewProject} for the names and their defaults, {@link ProjectGenerator} for how it is
 * written) and prints the commands that build, test and run it. Needs no project: the launcher
 * runs it on the Sluice installation's own class path.
 */
@Command(name = "new", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a new Sluice project in PARENT/NAME: a Maven build depending on this Sluice, "
                + "conf/base and conf/local, the data/01_raw..08_reporting layers, a sample pipeline with "
                + "its test, and a README.",
                "Never overwrites anything: the directory must not exist or be empty."})
final class NewCommand implements Callable<Integer> {
    /** System property set by bin/sluice: the launcher's absolute path, for the printed run command. */
    static final String LAUNCHER_PROPERTY = "sluice.launcher";
    /** System property set by bin/sluice: the Sluice repository (installation) root. */
    static final String HOME_PROPERTY = "sluice.home";

    @ParentCommand
    SluiceMain root;

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globalOptions;

    @Parameters(index = "0", paramLabel = "NAME",
            description = "Project name: its directory and Maven artifactId (letters, digits, '-', '_', '.'), "
                    + "e.g. my-project.")
    String name;

    @Option(names = "--package", paramLabel = "PACKAGE",
            description = "Java package of the sources (default: GROUP_ID.NAME with '-' and '.' as '_', "
                    + "e.g. com.example.my_project).")
    String javaPackage;

    @Option(names = "--group-id", paramLabel = "GROUP_ID",
            description = "Maven groupId (default: the package without its last segment, else com.example).")
    String groupId;

    @Option(names = "--dir", paramLabel = "PARENT",
            description = "Directory to create the project in (default: -C DIR, else the current directory).")
    Path dir;

    @Override
    public Integer call() {
        NewProject project;
        try {
            project = NewProject.of(name, groupId, javaPackage);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Versions versions = Versions.load();
        Path parent = dir != null ? dir : root.projectDir;
        Path target = ProjectGenerator.generate(project, parent, ProjectTemplate.variables(project, versions));

        PrintWriter out = spec.commandLine().getOut();
        out.print(nextSteps(project, target, System.getProperty(LAUNCHER_PROPERTY, "sluice")));
        installHint(localRepository(), versions.sluice(), System.getProperty(HOME_PROPERTY))
                .ifPresent(out::print);
        out.flush();
        return 0;
    }

    /** What {@code sluice new} prints after creating the project. */
    static String nextSteps(NewProject project, Path target, String launcher) {
        String nl = System.lineSeparator();
        return "Created project " + project.name() + " in " + target + nl
                + "  package " + project.javaPackage() + ", project class " + project.projectClass()
                + ", pipeline weather (3 nodes)" + nl
                + nl
                + "Build it, run its tests, then run its pipeline:" + nl
                + "  cd " + shellQuote(target.toString()) + " && mvn -q package" + nl
                + "  mvn test" + nl
                + "  " + shellQuote(launcher) + " run" + nl;
    }

    /**
     * A note when the local Maven repository lacks this Sluice version: the generated project's
     * build resolves {@code io.sluice:sluice-cli} from there.
     */
    static Optional<String> installHint(Path localRepository, String version, String sluiceHome) {
        Path pom = localRepository.resolve("io/sluice/sluice-cli/" + version + "/sluice-cli-" + version + ".pom");
        if (Files.isRegularFile(pom)) {
            return Optional.empty();
        }
        String nl = System.lineSeparator();
        String install = sluiceHome != null
                ? "(cd " + shellQuote(sluiceHome) + " && mvn -q install -DskipTests)"
                : "mvn -q install -DskipTests in the Sluice repository";
        return Optional.of(nl + "Note: the build needs io.sluice:sluice-cli:" + version + " in your local Maven "
                + "repository, and " + localRepository + " does not have it yet. Install Sluice there once: "
                + install + nl);
    }

    /** The default local Maven repository (maven.repo.local when set, as Maven itself reads it). */
    static Path localRepository() {
        String explicit = System.getProperty("maven.repo.local");
        return explicit != null ? Path.of(explicit)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** {@code s} as one shell word: unchanged when it needs no quoting. */
    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:=@%+-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
