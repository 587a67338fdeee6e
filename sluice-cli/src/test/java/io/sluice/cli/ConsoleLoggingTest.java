package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

/** The CLI's logging, set up in code instead of logback.xml: same levels, same lines, on stderr. */
class ConsoleLoggingTest {
    @Test
    void sluiceLogsAtInfoEverythingElseAtWarnOnStderr() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging logging = new ConsoleLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        assertThat(context.getLogger("io.sluice.session").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.duckdb").getEffectiveLevel()).isEqualTo(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                appender -> assertThat(appender.getTarget()).isEqualTo("System.err"));
        context.stop();
    }

    @Test
    void aLineIsTheLevelPaddedToFiveThenTheMessageThenAnyStackTrace() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("io.sluice.test");
        ConsoleLogging.LevelAndMessage layout = new ConsoleLogging.LevelAndMessage(false);
        layout.setContext(context);
        layout.start();

        String info = layout.doLayout(new LoggingEvent("x", logger, Level.INFO, "ran {} nodes", null, new Object[] {3}));
        String error = layout.doLayout(new LoggingEvent("x", logger, Level.ERROR, "failed",
                new IllegalStateException("boom"), null));

        assertThat(info).isEqualTo("INFO  ran 3 nodes" + System.lineSeparator());
        assertThat(error).startsWith("ERROR failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom").contains("\tat io.sluice.cli.ConsoleLoggingTest");
    }
}
