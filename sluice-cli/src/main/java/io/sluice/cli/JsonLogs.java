package io.sluice.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * {@code --log-format json}: logback's own {@link JsonEncoder} (no extra library) on
 * {@link ConsoleLogging}'s stderr appender, one object per line: {@code timestamp} (epoch
 * milliseconds), {@code level}, {@code threadName}, {@code loggerName}, {@code mdc} (the run id,
 * pipeline, group and node of the line, see {@link io.sluice.run.RunContext}), {@code kvpList},
 * {@code formattedMessage} and {@code throwable}. Apart from {@link Logging} so that the text
 * format never loads the encoder.
 */
final class JsonLogs {
    private JsonLogs() {
    }

    /**
     * Swaps the encoder of the stderr appender. A project whose own {@code logback.xml}
     * configures logging keeps its format, and is told.
     */
    static void install(LoggerContext context) {
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        if (!(appender instanceof OutputStreamAppender<ILoggingEvent> stderr)) {
            context.getLogger("io.sluice.cli").warn("--log-format json is ignored: the project's own logback "
                    + "configuration (logback.xml or -Dlogback.configurationFile) sets the log format");
            return;
        }
        JsonEncoder encoder = encoder();
        encoder.setContext(context);
        encoder.start();
        stderr.stop();
        stderr.setEncoder(encoder);
        stderr.start();
    }

    /** Without the sequence number, nanoseconds, logger-context fields, raw message pattern and arguments. */
    static JsonEncoder encoder() {
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
