package io.sluice.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log ({@code access_log: true} in server.yml): one line per request, when its answer
 * has been sent, on the {@code io.sluice.server.access} logger at INFO: the client address, the
 * time, the request line, the status, the bytes sent and the milliseconds taken (Undertow's
 * {@link AccessLogHandler}). Headers (a bearer token) and bodies are never logged.
 */
final class AccessLog {
    /** The logger's name; route it to a file of its own in the logging configuration if wanted. */
    static final String LOGGER = "io.sluice.server.access";
    /** Common log format, then the time taken: {@code 127.0.0.1 - - [date] "POST /x HTTP/1.1" 200 57 1 ms}. */
    static final String FORMAT = "%h %l %u %t \"%r\" %s %b %D ms";

    private AccessLog() {
    }

    /** {@code next} with every request logged once answered. */
    static HttpHandler wrap(HttpHandler next) {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return new AccessLogHandler(next, log::info, FORMAT, AccessLog.class.getClassLoader());
    }
}
