package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParsedArgs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code sluice package [--out DIR]}: the project as something to deploy, code and config apart
 * (see {@link ProjectPackage}): {@code DIR/<name>.jar} with {@code DIR/lib/}, run with
 * {@code java -jar}, and {@code DIR/conf-<name>.tar.gz} for {@code --conf-source}.
 */
final class PackageCommand implements Command {
    private final SluiceMain root;
    final String out;
    final String name;

    PackageCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        out = args.value("--out", null);
        name = args.value("--name", null);
    }

    static CommandDef definition() {
        return CommandDef.of("package", "Package the project for deployment: a runnable jar of its classes with "
                        + "its dependencies in lib/ (java -jar NAME.jar ...), and its config as conf-NAME.tar.gz "
                        + "without conf/local and without credentials files. Needs a build of the project "
                        + "(target/classes and target/sluice.classpath). Two packages of the same build are "
                        + "byte-identical.")
                .withOptions(List.of(
                        OptionDef.value("-o, --out", "DIR", "Where to write (default: dist/ in the project)."),
                        OptionDef.value("--name", "NAME", "The package's name (default: the project directory's "
                                + "name).")))
                .withFooter("", "Then, where it is deployed:",
                        "  java -jar NAME.jar -C WORKDIR --conf-source conf-NAME.tar.gz run -p PIPELINE --env prod");
    }

    @Override
    public int call() {
        Path project = root.projectDirWithoutConfigCheck();
        String packageName = name != null ? name : defaultName(project);
        Path dir = out != null ? Path.of(out).toAbsolutePath().normalize() : project.resolve("dist");
        ProjectPackage.Written written = ProjectPackage.write(project, dir, packageName);
        PrintWriter o = root.out;
        o.println("Packaged " + project.getFileName() + " into " + dir + ":");
        o.println("  " + dir.relativize(written.jar()) + "  (java -jar; " + written.lib().size()
                + " jars in lib/)");
        o.println("  " + dir.relativize(written.conf()) + "  (--conf-source)"
                + (written.leftOut().isEmpty() ? "" : "; left out: " + String.join(", ", written.leftOut())));
        o.flush();
        return 0;
    }

    static String defaultName(Path project) {
        String n = project.getFileName() == null ? "project" : project.getFileName().toString();
        n = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return n.isEmpty() ? "project" : n;
    }
}
