package io.sluice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets log levels from {@code --verbose}/{@code --quiet}, and the format from
 * {@code --log-format}. Logback runs {@link ConsoleLogging} (INFO for Sluice, WARN for third
 * parties, concise lines on stderr) the first time a logger is asked for; this class is called
 * after argument parsing so {@code --help} never pays for it. Libraries that log through
 * {@code java.util.logging} (Tribuo, for one) are routed to the same place and levels.
 */
final class Logging {
    /** {@code --log-format} values. */
    static final String TEXT = "text";
    static final String JSON = "json";

    private Logging() {
    }

    static void configure(boolean verbose, boolean quiet) {
        configure(verbose, quiet, TEXT);
    }

    /**
     * The project's own loggers, those of its {@code Project} class's package and below, at the
     * level Sluice's are (INFO, DEBUG with verbose, WARN with quiet): a node's {@code log.info}
     * shows as Sluice's lines do, while third-party libraries stay at WARN.
     */
    static void includeProject(String packageName, boolean verbose, boolean quiet) {
        if (packageName.isEmpty()) {
            return; // the default package names no logger
        }
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(packageName).setLevel(verbose ? Level.DEBUG : quiet ? Level.WARN : Level.INFO);
        }
    }

    /**
     * @param format {@link #TEXT} or {@link #JSON}: one JSON object per line on stderr, with the
     *               run id, pipeline, group and node of the line under {@code mdc}
     */
    static void configure(boolean verbose, boolean quiet, String format) {
        Level level = verbose ? Level.DEBUG : quiet ? Level.WARN : Level.INFO;
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger sluice = context.getLogger("io.sluice");
            sluice.setLevel(level);
            if (JSON.equals(format)) {
                JsonLogs.install(context);
            }
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
