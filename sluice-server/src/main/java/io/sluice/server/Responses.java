package io.sluice.server;

import io.undertow.io.IoCallback;
import io.undertow.io.Sender;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * How every answer leaves the server: a status, a content type and a body whose bytes are ready
 * (most are computed once; run answers are written by {@link RunResponses} or {@link Json}),
 * sent with a {@code Content-Length} and no copy. Errors are {@code {"error": message}}.
 */
final class Responses {
    static final String JSON = "application/json";
    static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private Responses() {
    }

    /** Answers {@code {"error": message}} with {@code status}. */
    static void error(HttpServerExchange ex, int status, String message) {
        send(ex, status, Json.error(message, null, null));
    }

    /** Answers a JSON {@code body} and ends the exchange. */
    static void send(HttpServerExchange ex, int status, byte[] body) {
        send(ex, status, JSON, body, (IoCallback) null);
    }

    /** Answers a JSON {@code body}; {@code then} ends the exchange ({@link #endThen}). */
    static void send(HttpServerExchange ex, int status, byte[] body, IoCallback then) {
        send(ex, status, JSON, body, then);
    }

    /**
     * Answers {@code body} as {@code contentType}; {@code then} ends the exchange, or when null
     * the exchange is simply ended.
     */
    static void send(HttpServerExchange ex, int status, String contentType, byte[] body, IoCallback then) {
        ex.setStatusCode(status);
        HeaderMap h = ex.getResponseHeaders();
        h.put(Headers.CONTENT_TYPE, contentType);
        h.put(Headers.CONTENT_LENGTH, body.length);
        ex.getResponseSender().send(ByteBuffer.wrap(body), then == null ? IoCallback.END_EXCHANGE : then);
    }

    /**
     * A callback that ends the exchange, then runs {@code done} whether the body could be sent
     * or not. Made once by its owner, not per response.
     */
    static IoCallback endThen(Runnable done) {
        return new IoCallback() {
            @Override
            public void onComplete(HttpServerExchange exchange, Sender sender) {
                try {
                    IoCallback.END_EXCHANGE.onComplete(exchange, sender);
                } finally {
                    done.run();
                }
            }

            @Override
            public void onException(HttpServerExchange exchange, Sender sender, IOException exception) {
                try {
                    IoCallback.END_EXCHANGE.onException(exchange, sender, exception);
                } finally {
                    done.run();
                }
            }
        };
    }

    /** {@code {"run_id": runId}}, what an accepted async run answers. */
    static byte[] runId(String runId) {
        return bytes("{\"run_id\":\"" + runId + "\"}");
    }

    /** {@code s} in UTF-8: a body to compute once and send many times. */
    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
