package io.sluice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
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
     * @param format {@link #TEXT} or {@link #JSON}: one JSON object per line on stderr, with the
     *               run id, pipeline, group and node of the line under {@code mdc}
     */
    static void configure(boolean verbose, boolean quiet, String format) {
        Level level = verbose ? Level.DEBUG : quiet ? Level.WARN : Level.INFO;
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger sluice = context.getLogger("io.sluice");
            sluice.setLevel(level);
            if (JSON.equals(format)) {
                json(context);
            }
        }
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /**
     * Swaps the encoder of {@link ConsoleLogging}'s stderr appender for logback's
     * {@link JsonEncoder}: level, logger, thread, timestamp (epoch milliseconds), formatted
     * message, MDC and throwable; no raw message pattern, arguments or logger-context fields.
     * A project whose own {@code logback.xml} configures logging keeps its format, and is told.
     */
    static void json(LoggerContext context) {
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> stderr)) {
            context.getLogger("io.sluice.cli").warn("--log-format json is ignored: the project's own logback "
                    + "configuration (logback.xml or -Dlogback.configurationFile) sets the log format");
            return;
        }
        JsonEncoder encoder = jsonEncoder();
        encoder.setContext(context);
        encoder.start();
        stderr.stop();
        stderr.setEncoder(encoder);
        stderr.start();
    }

    static JsonEncoder jsonEncoder() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithMarkers(false);
        encoder.setWithKVPList(true);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }
}
