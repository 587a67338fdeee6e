package io.sluice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The logging of the {@code sluice} command, set up in code (logback finds it through
 * {@code META-INF/services}): logs go to stderr, so that stdout carries only command results (run
 * id and outcome, lists, catalog resolve JSON/YAML), as {@code LEVEL message}; {@code io.sluice}
 * at INFO (the CLI sets DEBUG with verbose, WARN with quiet), everything else at WARN. On a
 * terminal the level is coloured (not with {@code NO_COLOR}, see {@link Terminal}); the CLI's
 * {@code --log-format json} swaps the layout for logback's JSON encoder ({@link JsonLogs}).
 * {@code java.util.logging} levels follow these, so filtered JUL records cost nothing.
 *
 * <p>Why not {@code logback.xml}: reading it loads an XML parser and logback's configuration
 * model, about 600 classes — a tenth of what a one-off {@code sluice run} loads. A project that
 * wants its own configuration still gets it: with a {@code logback.xml} or {@code logback-test.xml}
 * on the class path, or {@code -Dlogback.configurationFile}, this steps aside.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** Called by logback's service loader. */
    public ConsoleLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = ConsoleLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);

        LevelAndMessage layout = new LevelAndMessage();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();

        context.getLogger("io.sluice").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * {@code %-5level %msg%n}, then the stack trace if any, as the pattern layout writes them; with
     * colours, the level is bold red (ERROR), yellow (WARN), green (INFO) or faint (DEBUG, TRACE).
     */
    static final class LevelAndMessage extends LayoutBase<ILoggingEvent> {
        private static final String RESET = "\u001b[0m";
        private final boolean detect;
        private volatile boolean decided;
        private boolean colours;

        /**
         * Colours when stderr is a terminal ({@link Terminal}), decided at the first line: a run
         * that logs nothing ({@code -q}) never asks for the console, which on JDK 22+ loads a
         * console provider.
         */
        LevelAndMessage() {
            this.detect = true;
        }

        /** Colours or not, as told. */
        LevelAndMessage(boolean colours) {
            this.detect = false;
            this.colours = colours;
            this.decided = true;
        }

        private boolean colours() {
            if (!decided) {
                colours = detect && System.console() != null && Terminal.current().colours();
                decided = true;
            }
            return colours;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            String level = event.getLevel().toString();
            StringBuilder line = new StringBuilder(level.length() + 64);
            boolean colours = colours();
            if (colours) {
                line.append(colour(event.getLevel().toInt()));
            }
            line.append(level);
            if (colours) {
                line.append(RESET);
            }
            for (int i = level.length(); i < 5; i++) {
                line.append(' ');
            }
            line.append(' ').append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }

        private static String colour(int level) {
            return switch (level) {
                case Level.ERROR_INT -> "\u001b[1;31m";
                case Level.WARN_INT -> "\u001b[33m";
                case Level.INFO_INT -> "\u001b[32m";
                default -> "\u001b[2m";
            };
        }
    }
}
