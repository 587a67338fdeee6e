package io.sluice.server;

/**
 * A request the server refuses, with the HTTP status and the message sent as
 * {@code {"error": message}}. Thrown while a request is read and checked, before any node runs.
 */
final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    static HttpError unprocessable(String message) {
        return new HttpError(422, message);
    }
}
