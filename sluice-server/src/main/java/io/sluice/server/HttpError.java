package io.sluice.server;

/**
 * A request the server refuses, with the HTTP status and the message sent as
 * {@code {"error": message}}. Thrown while a request is read and checked, before any node runs.
 */
final class HttpError extends RuntimeException {
    final int status;
    /** Why, as {@code GET /metrics} counts it. */
    final Refusal refusal;

    HttpError(Refusal refusal, String message) {
        super(message, null, false, false);
        this.status = refusal.status;
        this.refusal = refusal;
    }

    /** 400: the body is JSON of the wrong shape. */
    static HttpError badRequest(String message) {
        return new HttpError(Refusal.BAD_REQUEST, message);
    }

    /** 400: the body is not JSON. */
    static HttpError malformed(String message) {
        return new HttpError(Refusal.MALFORMED_JSON, message);
    }

    /** 400: a JSON object of the body repeats a key. */
    static HttpError duplicateKey(String message) {
        return new HttpError(Refusal.DUPLICATE_KEY, message);
    }

    /** 422: the body does not fit the pipeline. */
    static HttpError unprocessable(String message) {
        return new HttpError(Refusal.UNPROCESSABLE, message);
    }
}
