package io.sluice.datasets.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One answer received through an {@link HttpApi}, after the retries its engine allows: status,
 * headers and the whole body. Two responses are equal only when they share the same body array
 * (records compare arrays by identity); compare {@link #text()} for content.
 *
 * @param method   the request's method
 * @param uri      where the request went (after same-origin redirects); may hold secrets in its
 *                 query, so show it through {@link HttpApi#mask(String)}
 * @param status   the status code
 * @param headers  the answer's headers
 * @param body     the answer's body (empty for HEAD)
 * @param attempts how many times the request was sent (1 when it was not retried)
 */
public record HttpApiResponse(String method, URI uri, int status, HttpHeaders headers, byte[] body, int attempts) {
    public HttpApiResponse {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The first value of header {@code name} (case-insensitive). */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public String toString() {
        return "HttpApiResponse[" + method + " " + status + ", " + body.length + " bytes, " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + "]";
    }
}
