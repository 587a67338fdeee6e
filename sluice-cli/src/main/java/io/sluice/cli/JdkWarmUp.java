package io.sluice.cli;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.SimpleDateFormat;
import java.util.Locale;

/**
 * Runs, on a second thread, the JDK's one-off set-up that a {@code sluice} command reaches later
 * on its main thread and that no archive (AppCDS, AOT cache) can hold, because it is code run in
 * the interpreter rather than classes loaded:
 * <ul>
 *   <li>{@code BigDecimal}'s static initialiser, which squares {@code 5} sixteen times (JDK 25),
 *       reached through every Jackson parser;</li>
 *   <li>the CLDR locale data for {@code Locale.US} dates and numbers, which Jackson's
 *       {@code StdDateFormat} builds when the first {@code ObjectMapper} class is initialised;</li>
 *   <li>the security providers' list and the {@code SHA-256} service, which a run's structure hash
 *       looks up.</li>
 * </ul>
 * Together about 30 ms of a one-off run's main thread on this project's machines. The thread only
 * initialises what the JDK would initialise anyway, the same way (the same locale, provider and
 * defaults), so nothing a command or a node sees changes; it is a daemon, so it never holds the
 * JVM up, and whatever it fails at, the main thread meets and reports in its turn.
 */
final class JdkWarmUp {
    private JdkWarmUp() {
    }

    /** Starts the warm-up thread and returns it. */
    static Thread start() {
        Thread thread = new Thread(JdkWarmUp::run, "sluice-jdk-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void run() {
        try {
            BigDecimal.ZERO.signum();
            MessageDigest.getInstance("SHA-256");
            // Jackson's StdDateFormat makes this very one; the locale data is cached per JVM.
            new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // Nothing to do here: the main thread meets the same failure when it gets there.
        }
    }
}
