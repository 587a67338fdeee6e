package io.sluice.server;

/**
 * Why a request was refused instead of run, as {@code GET /metrics} counts it in
 * {@code sluice_http_requests_refused_total{status, reason}}: the status answered and a reason
 * label that stays the same when a message's wording changes. Refusals of a run request are
 * counted per pipeline ({@link #ofRunRequest}); the others (a token, a path, a method, a run id
 * the server cannot match) are counted for the server, since no served pipeline is known.
 */
enum Refusal {
    /** 400: the body is not JSON (with line and column). */
    MALFORMED_JSON(400, "malformed_json", true),
    /** 400: a JSON object of the body repeats a key. */
    DUPLICATE_KEY(400, "duplicate_key", true),
    /** 400: the body is JSON of the wrong shape, {@code mode} is neither sync nor async, or the body could not be read. */
    BAD_REQUEST(400, "bad_request", true),
    /** 401: no bearer token, or another one. */
    UNAUTHORIZED(401, "unauthorized", false),
    /** 404: no such endpoint, served pipeline or async run. */
    NOT_FOUND(404, "not_found", false),
    /** 405: the path exists, the method does not. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed", false),
    /** 409: cancelling an async run that has already ended. */
    RUN_ENDED(409, "run_ended", false),
    /** 413: the body is larger than {@code max_body_bytes}. */
    BODY_TOO_LARGE(413, "body_too_large", true),
    /** 422: inputs, params or outputs that do not fit the pipeline, found by the server or by the session. */
    UNPROCESSABLE(422, "unprocessable", true),
    /** 429: {@code max_concurrent_runs} runs are in progress. */
    TOO_MANY_RUNS(429, "too_many_runs", true),
    /** 503: the server is starting or draining. */
    UNAVAILABLE(503, "unavailable", true);

    final int status;
    /** The {@code reason} label. */
    final String reason;
    /** Whether it refuses a run request of a served pipeline, and so is counted per pipeline. */
    final boolean ofRunRequest;

    Refusal(int status, String reason, boolean ofRunRequest) {
        this.status = status;
        this.reason = reason;
        this.ofRunRequest = ofRunRequest;
    }
}
