package io.sluice.cli;

import java.io.PrintWriter;

/**
 * The {@code sluice} command for hosts that run a main class inside their own JVM and forbid
 * {@code System.exit} (a Databricks JAR task, whose driver exits with the task's outcome): it
 * runs the command line as {@link SluiceMain#main} does, returns normally on success, and throws
 * on failure so that the host marks the task failed (and retries it).
 */
public final class SluiceJob {
    private SluiceJob() {
    }

    /**
     * Runs {@code args} as the {@code sluice} command.
     *
     * @throws IllegalStateException when the command exits with a non-zero code (its message says
     *                               which; the command's own error went to standard error)
     */
    public static void main(String[] args) {
        String projectPath = System.getProperty(ProjectClassLoader.PROPERTY);
        if (projectPath != null) {
            Thread.currentThread().setContextClassLoader(
                    ProjectClassLoader.create(projectPath, SluiceJob.class.getClassLoader()));
        }
        int code = SluiceMain.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        if (code != 0) {
            throw new IllegalStateException("sluice " + String.join(" ", args) + " exited with " + code
                    + " (see its error above)");
        }
    }
}
