package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code sluice new NAME}: scaffolds a ready-to-build project in {@code PARENT/NAME} (see
 * {@link NewProject} for the names and their defaults, {@link ProjectGenerator} for how it is
 * written) and prints the commands that build, test and run it. Needs no project: the launcher
 * runs it on the Sluice installation's own class path.
 */
final class NewCommand implements Command {
    /** System property set by bin/sluice: the launcher's absolute path, for the printed run command. */
    static final String LAUNCHER_PROPERTY = "sluice.launcher";
    /** System property set by bin/sluice: the Sluice repository (installation) root. */
    static final String HOME_PROPERTY = "sluice.home";

    private final SluiceMain root;
    final String name;
    final String javaPackage;
    final String groupId;
    final Path dir;

    NewCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        name = args.param(0, null);
        javaPackage = args.value("--package", null);
        groupId = args.value("--group-id", null);
        String parent = args.value("--dir", null);
        dir = parent != null ? Path.of(parent) : null;
    }

    static CommandDef definition() {
        return CommandDef.of("new", "Create a new Sluice project in PARENT/NAME: a Maven build depending on this "
                                + "Sluice, conf/base and conf/local, the data/01_raw..08_reporting layers, a sample "
                                + "pipeline with its test, and a README.",
                        "Never overwrites anything: the directory must not exist or be empty.")
                .withParams(ParamDef.required("NAME", "Project name: its directory and Maven artifactId (letters, "
                        + "digits, '-', '_', '.'), e.g. my-project."))
                .withOptions(List.of(
                        OptionDef.value("--package", "PACKAGE", "Java package of the sources (default: "
                                + "GROUP_ID.NAME with '-' and '.' as '_', e.g. com.example.my_project)."),
                        OptionDef.value("--group-id", "GROUP_ID", "Maven groupId (default: the package without "
                                + "its last segment, else com.example)."),
                        OptionDef.value("--dir", "PARENT", "Directory to create the project in (default: -C DIR, "
                                + "else the current directory).")))
                .withOptionsInDeclarationOrder();
    }

    @Override
    public int call() {
        NewProject project;
        try {
            project = NewProject.of(name, groupId, javaPackage);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Versions versions = Versions.load();
        Path parent = dir != null ? dir : root.projectDir;
        Path target = ProjectGenerator.generate(project, parent, ProjectTemplate.variables(project, versions));

        PrintWriter out = root.out;
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
     * build resolves {@code io.sluice:sluice-bom} and {@code io.sluice:sluice-core} from there.
     */
    static Optional<String> installHint(Path localRepository, String version, String sluiceHome) {
        boolean installed = Stream.of("sluice-bom", "sluice-core").allMatch(module -> Files.isRegularFile(
                localRepository.resolve("io/sluice/" + module + "/" + version + "/" + module + "-" + version + ".pom")));
        if (installed) {
            return Optional.empty();
        }
        String nl = System.lineSeparator();
        String install = sluiceHome != null
                ? "(cd " + shellQuote(sluiceHome) + " && mvn -q install -DskipTests)"
                : "mvn -q install -DskipTests in the Sluice repository";
        return Optional.of(nl + "Note: the build needs io.sluice:sluice-bom:" + version + " and io.sluice:sluice-core:"
                + version + " in your local Maven "
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
