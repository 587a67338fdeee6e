package io.sluice.maven;

import io.sluice.cli.LaunchClassPath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * A goal that runs one {@code sluice} command ({@link #command()}) for the project, in a forked
 * JVM, exactly as {@code bin/sluice -C <basedir> <command> <args>} would: {@code io.sluice.cli.SluiceMain}
 * on the project's runtime class path (its classes first) plus the CLI's (this plugin's own
 * dependencies), merged by {@link LaunchClassPath}'s rule. The options are the command's own,
 * parsed by the CLI: {@code <args>} in the pom, or {@code -Dsluice.args="-p reporting --env prod"}
 * on the command line (both: the pom's first). A non-zero exit code fails the build.
 */
abstract class SluiceMojo extends AbstractMojo {
    /** The project being built. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** This plugin's class path: the CLI and its dependencies. */
    @Parameter(defaultValue = "${plugin.artifacts}", readonly = true, required = true)
    List<Artifact> pluginArtifacts;

    /** Arguments after the command, one per element, as on the sluice command line. */
    @Parameter
    List<String> args = new ArrayList<>();

    /** Arguments after the command as one string, split at spaces (quotes group words). */
    @Parameter(property = "sluice.args")
    String argLine;

    /** Options of the forked JVM, one string split at spaces, e.g. {@code -Xmx2g}. */
    @Parameter(property = "sluice.jvmArgs")
    String jvmArgs;

    /** Skip the goal. */
    @Parameter(property = "sluice.skip", defaultValue = "false")
    boolean skip;

    /** The sluice command this goal runs: {@code run}, {@code serve}, {@code viz}. */
    abstract String command();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("sluice:" + command() + " skipped (sluice.skip)");
            return;
        }
        List<String> commandLine = commandLine(Path.of(System.getProperty("java.home"), "bin", "java"),
                Runtime.version().feature(), classPath());
        getLog().debug("Running " + String.join(" ", commandLine));
        Process process;
        try {
            process = new ProcessBuilder(commandLine).directory(project.getBasedir()).inheritIO().start();
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot start the JVM for sluice " + command() + ": " + e.getMessage(), e);
        }
        // Maven stopped (Ctrl-C, SIGTERM): so is the forked sluice, e.g. a server of sluice:serve.
        Thread stop = new Thread(process::destroy, "sluice-" + command() + "-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while sluice " + command() + " ran", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs
            }
        }
        if (exit != 0) {
            throw new MojoFailureException("sluice " + command() + " failed with exit code " + exit
                    + (exit == 2 ? " (bad usage: see the message above; the options are those of 'sluice "
                    + command() + " --help')" : ""));
        }
    }

    /**
     * The forked JVM's command line; {@code javaFeature} is {@code java}'s version (17, 25). On
     * JDK 24 and later the JVM gets {@code --enable-native-access=ALL-UNNAMED}, as from
     * {@code bin/sluice}: DuckDB and ONNX Runtime load native libraries, which JDK 24+ warns about
     * otherwise (JEP 472). Not on 17-23, where JNI needs no permission and the option would switch
     * off the JDK's archived module graph; not when {@code jvmArgs} decide native access.
     */
    List<String> commandLine(Path java, int javaFeature, List<Path> classPath) {
        List<String> out = new ArrayList<>();
        out.add(java.toString());
        List<String> jvm = ArgLine.split(jvmArgs);
        if (javaFeature >= 24 && jvm.stream().noneMatch(a -> a.startsWith("--enable-native-access")
                || a.startsWith("--illegal-native-access"))) {
            out.add("--enable-native-access=ALL-UNNAMED");
        }
        out.addAll(jvm);
        out.add("-cp");
        out.add(String.join(File.pathSeparator, classPath.stream().map(Path::toString).toList()));
        out.add("io.sluice.cli.SluiceMain");
        out.add("-C");
        out.add(project.getBasedir().getAbsolutePath());
        out.add(command());
        if (args != null) {
            out.addAll(args);
        }
        out.addAll(ArgLine.split(argLine));
        return out;
    }

    /** The project's runtime class path plus the CLI's. */
    private List<Path> classPath() throws MojoExecutionException {
        List<Path> projectPath = new ArrayList<>();
        try {
            for (String element : project.getRuntimeClasspathElements()) {
                projectPath.add(Path.of(element));
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The project's runtime class path is not resolved: " + e.getMessage(), e);
        }
        List<Path> cli = new ArrayList<>();
        for (Artifact a : pluginArtifacts) {
            if (a.getFile() != null && !a.getArtifactId().equals("sluice-maven-plugin")) {
                cli.add(a.getFile().toPath());
            }
        }
        return LaunchClassPath.merge(projectPath, cli);
    }
}
