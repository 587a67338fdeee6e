package io.sluice.datasets.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.sluice.io.FileDataset;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client an {@code http} engine gives nodes ({@code engine:github}) and {@code api} datasets:
 * a {@link HttpClient} bound to a base URL, with the engine's default headers (its tokens
 * included) on every request, its timeouts, and its retry policy (see {@link RetryPolicy}).
 * Thread-safe; one per engine and session.
 *
 * <pre>{@code
 * static List<Repo> repos(HttpApi github, String org) {
 *     return github.getJson("/orgs/" + org + "/repos", Map.of("per_page", 100),
 *             new TypeReference<List<Repo>>() {}.getType());
 * }
 * }</pre>
 *
 * <p>{@link #send} returns whatever the server finally answered; {@link #get}, {@link #getJson}
 * and {@link #postJson} also refuse an answer that is not 2xx with an {@link HttpApiException}
 * naming the engine, method, URL, status and the start of the body. Redirects are followed only
 * within the base URL's origin (scheme, host and port), so the default headers — tokens — never
 * go to another host; a redirect elsewhere is returned as it is. Messages, exceptions and log
 * lines never hold a credential: they go through {@link #mask(String)}.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final int MAX_REDIRECTS = 5;
    private static final int EXCERPT = 300;

    private final String engine;
    private final String subject;
    private final URI baseUrl;
    private final Map<String, String> defaultHeaders;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final UnaryOperator<String> mask;
    private final HttpClient client;
    private final ExecutorService executor;
    private volatile boolean closed;

    HttpApi(String engine, String subject, URI baseUrl, Map<String, String> defaultHeaders, Duration requestTimeout,
            RetryPolicy retry, UnaryOperator<String> mask, HttpClient client, ExecutorService executor) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.defaultHeaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defaultHeaders));
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.client = Objects.requireNonNull(client, "client");
        this.executor = executor;
    }

    /** The name of the engine this client belongs to. */
    public String engine() {
        return engine;
    }

    /** The base URL every relative path resolves against. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The JDK client underneath: no default headers, no retries. */
    public HttpClient httpClient() {
        return client;
    }

    /** {@code text} with the engine's secrets (tokens, passwords, secret query values) replaced by {@code ****}. */
    public String mask(String text) {
        return mask.apply(text);
    }

    /** {@code path} resolved against the base URL. */
    public URI uri(String path) {
        return uri(path, Map.of());
    }

    /**
     * {@code path} resolved against the base URL, with {@code query} appended (values
     * percent-encoded; an iterable value repeats its key; a null value is left out). A path is
     * appended to the base URL's path ({@code /v1} + {@code /repos} is {@code /v1/repos}); an
     * absolute URL is accepted only within the base URL's origin.
     *
     * @throws HttpApiException for an absolute URL to another origin, or one that is not a URL
     */
    public URI uri(String path, Map<String, ?> query) {
        URI uri = resolve(baseUrl, path, query, engine, subject, mask);
        requireSameOrigin(uri, "a request");
        return uri;
    }

    /** {@link #uri(String, Map)} without a client (for descriptions), not checked for its origin. */
    static URI resolve(URI baseUrl, String path, Map<String, ?> query, String engine, String subject,
                       UnaryOperator<String> mask) {
        String p = path == null ? "" : path;
        String target;
        if (p.startsWith("http://") || p.startsWith("https://")) {
            target = p;
        } else {
            String base = baseUrl.toString();
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            target = p.isEmpty() ? base : base + (p.startsWith("/") || p.startsWith("?") ? p : "/" + p);
        }
        StringBuilder sb = new StringBuilder(target);
        boolean hasQuery = target.indexOf('?') >= 0;
        for (Map.Entry<String, ?> e : query.entrySet()) {
            Object v = e.getValue();
            Iterable<?> values = v instanceof Iterable<?> it ? it : java.util.Collections.singletonList(v);
            for (Object one : values) {
                if (one == null) {
                    continue;
                }
                sb.append(hasQuery ? '&' : '?').append(encode(e.getKey())).append('=').append(encode(String.valueOf(one)));
                hasQuery = true;
            }
        }
        URI uri;
        try {
            uri = URI.create(sb.toString());
        } catch (IllegalArgumentException e) {
            throw new HttpApiException(engine, 0, 0, subject + ": '" + mask.apply(sb.toString()) + "' is not a valid "
                    + "URL: " + mask.apply(e.getMessage()) + ". Percent-encode the path, or pass query values in the "
                    + "query map.", null);
        }
        return uri;
    }

    /** GETs {@code path}; refuses an answer that is not 2xx. */
    public HttpApiResponse get(String path) {
        return get(path, Map.of());
    }

    /** GETs {@code path} with {@code query}; refuses an answer that is not 2xx. */
    public HttpApiResponse get(String path, Map<String, ?> query) {
        return requireSuccess(send("GET", uri(path, query), Map.of(), null));
    }

    /**
     * GETs {@code path} with {@code query} and decodes the JSON body as {@code type} (a record,
     * {@code List<Repo>} through a {@code TypeReference}'s type, {@code Map.class}…); fields the
     * type does not declare are ignored, as in the {@code json} dataset.
     */
    public <T> T getJson(String path, Map<String, ?> query, Type type) {
        HttpApiResponse r = get(path, query);
        return json(r, type);
    }

    /** {@link #getJson(String, Map, Type)} for a class. */
    public <T> T getJson(String path, Map<String, ?> query, Class<T> type) {
        return getJson(path, query, (Type) type);
    }

    /**
     * POSTs {@code body} as JSON to {@code path}; refuses an answer that is not 2xx. Sent once
     * unless the engine's {@code retry.methods} include POST.
     */
    public HttpApiResponse postJson(String path, Object body) {
        return requireSuccess(send("POST", uri(path), Map.of("Content-Type", "application/json"), toJson(body)));
    }

    /** {@code value} as JSON bytes, as the {@code json} dataset would write it. */
    byte[] toJson(Object value) {
        try {
            return ApiJson.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new HttpApiException(engine, 0, 0, subject + ": cannot write a " + (value == null ? "null"
                    : value.getClass().getName()) + " as JSON: " + e.getOriginalMessage(), null);
        }
    }

    /** The body of {@code r} decoded as {@code type}. */
    @SuppressWarnings("unchecked")
    public <T> T json(HttpApiResponse r, Type type) {
        try {
            return (T) ApiJson.MAPPER.readerFor(ApiJson.MAPPER.getTypeFactory().constructType(type)).readValue(r.body());
        } catch (JsonMappingException e) {
            throw new HttpApiException(engine, r.status(), r.attempts(), subject + ": the answer of " + r.method() + " "
                    + mask(r.uri().toString()) + " cannot be read as " + FileDataset.typeName(type) + ": at "
                    + FileDataset.jsonPath(e) + ": " + mask(e.getOriginalMessage()) + ".", null);
        } catch (IOException e) {
            throw new HttpApiException(engine, r.status(), r.attempts(), subject + ": the answer of " + r.method() + " "
                    + mask(r.uri().toString()) + " is not valid JSON: " + mask(String.valueOf(e.getMessage()))
                    + ". It begins: " + excerpt(r.body()), null);
        }
    }

    /**
     * Sends a request with the engine's default headers (those in {@code headers} replace them),
     * its request timeout and its retry policy, and returns the last answer, whatever its status.
     * Same-origin redirects are followed (303 as a GET).
     *
     * @param method  GET, POST, PUT, PATCH, DELETE, HEAD…
     * @param uri     an absolute URL within the base URL's origin (see {@link #uri})
     * @param headers headers of this request only
     * @param body    the body, or {@code null} for none
     * @throws HttpApiException when no answer came after every attempt allowed, naming the cause
     */
    public HttpApiResponse send(String method, URI uri, Map<String, String> headers, byte[] body) {
        return send(method, uri, headers, body, requestTimeout, true);
    }

    HttpApiResponse send(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout,
                         boolean retries) {
        String m = method.toUpperCase(Locale.ROOT);
        requireSameOrigin(uri, "a request");
        boolean retrying = retries && retry.retries(m);
        int max = retrying ? retry.maxAttempts() : 1;
        URI target = uri;
        byte[] payload = body;
        int redirects = 0;
        int attempt = 0;
        while (true) {
            if (closed) {
                throw new HttpApiException(engine, 0, attempt, subject + " is closed: its session has ended. Use the "
                        + "client only while the session is open.", null);
            }
            attempt++;
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(request(m, target, headers, payload, timeout), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (attempt < max) {
                    Duration wait = retry.backoffWithJitter(attempt, ThreadLocalRandom.current()::nextDouble);
                    LOG.info("{}: {} {} got no answer ({}) on attempt {} of {}; retrying in {} ms", subject, m,
                            mask(target.toString()), failure(e, timeout), attempt, max, wait.toMillis());
                    pause(wait, m, target, attempt);
                    continue;
                }
                throw new HttpApiException(engine, 0, attempt, subject + ": " + m + " " + mask(target.toString())
                        + " got no answer after " + attempts(attempt) + ": " + failure(e, timeout) + ". "
                        + noAnswerFix(e, m), masked(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpApiException(engine, 0, attempt, subject + ": " + m + " " + mask(target.toString())
                        + " was interrupted.", null);
            }
            int status = answer.statusCode();
            Optional<String> location = answer.headers().firstValue("Location");
            if (isRedirect(status) && location.isPresent() && redirects < MAX_REDIRECTS) {
                URI next = target.resolve(location.get().trim());
                if (sameOrigin(next)) {
                    redirects++;
                    attempt--; // a redirect is not a failed attempt
                    target = next;
                    if (status == 303 || (status == 301 || status == 302) && m.equals("POST")) {
                        m = "GET";
                        payload = null;
                    }
                    continue;
                }
                LOG.warn("{}: {} {} redirects to another origin ({}); not followed, so that the engine's headers "
                        + "stay with {}", subject, m, mask(target.toString()), mask(origin(next)), origin(baseUrl));
            }
            if (attempt < max && retry.retriesStatus(status)) {
                Optional<Duration> asked = status == 429 || status == 503
                        ? RetryPolicy.retryAfter(answer.headers().firstValue("Retry-After"), ZonedDateTime.now())
                        : Optional.empty();
                if (asked.isEmpty() || asked.get().compareTo(retry.maxRetryAfter()) <= 0) {
                    Duration wait = asked.isPresent() ? asked.get()
                            : retry.backoffWithJitter(attempt, ThreadLocalRandom.current()::nextDouble);
                    LOG.info("{}: {} {} answered {} on attempt {} of {}; retrying in {} ms{}", subject, m,
                            mask(target.toString()), status, attempt, max, wait.toMillis(),
                            asked.isPresent() ? " (Retry-After)" : "");
                    pause(wait, m, target, attempt);
                    continue;
                }
            }
            return new HttpApiResponse(m, target, status, answer.headers(), answer.body(), attempt);
        }
    }

    /**
     * {@code r} when its status is 2xx.
     *
     * @throws HttpApiException naming the engine, method, URL, status, attempts and the body's
     *                          start, with what to check for that status
     */
    public HttpApiResponse requireSuccess(HttpApiResponse r) {
        if (r.isSuccess()) {
            return r;
        }
        throw new HttpApiException(engine, r.status(), r.attempts(), subject + ": " + r.method() + " "
                + mask(r.uri().toString()) + " answered " + r.status() + reason(r.status()) + " after "
                + attempts(r.attempts()) + ": " + excerpt(r.body()) + ". " + statusFix(r), null);
    }

    /**
     * Checks the server answers {@code path} with a status below 400 within {@code timeout}, once.
     *
     * @throws HealthCheckFailed saying what came back (the engine's ping puts its name in front)
     */
    void check(String path, Duration timeout) throws HealthCheckFailed {
        Duration t = timeout.compareTo(requestTimeout) < 0 ? timeout : requestTimeout;
        HttpApiResponse r;
        try {
            r = send("GET", uri(path), Map.of(), null, t, false);
        } catch (HttpApiException e) {
            String m = e.getMessage();
            throw new HealthCheckFailed(m.startsWith(subject + ": ") ? m.substring(subject.length() + 2) : m);
        }
        if (r.status() >= 400) {
            throw new HealthCheckFailed("GET " + mask(r.uri().toString()) + " answered " + r.status()
                    + reason(r.status()) + ": " + excerpt(r.body()) + ". " + (r.status() == 401 || r.status() == 403
                    ? "Check the engine's credentials and headers." : "Check health_path and that the service is up."));
        }
    }

    /** A failed health check, whose message is all there is to say (no class name in front of it). */
    static final class HealthCheckFailed extends Exception {
        HealthCheckFailed(String message) {
            super(message);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }

    /** Stops the client's threads; later requests fail. */
    @Override
    public void close() {
        closed = true;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "HttpApi[" + engine + ", " + mask(baseUrl.toString()) + "]";
    }

    /** The start of a body for messages: one line, masked, at most {@value #EXCERPT} characters. */
    String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, 0, Math.min(body.length, EXCERPT * 4), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        text = mask(text);
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text;
    }

    /** Whether {@code uri} shares the base URL's scheme, host and port. */
    boolean sameOrigin(URI uri) {
        return origin(uri).equalsIgnoreCase(origin(baseUrl));
    }

    /** {@code uri} refused unless it is within the base URL's origin. */
    void requireSameOrigin(URI uri, String what) {
        if (!sameOrigin(uri)) {
            throw new HttpApiException(engine, 0, 0, subject + ": " + what + " to " + mask(uri.toString())
                    + " leaves the engine's origin " + origin(baseUrl) + ", and would carry its headers (tokens)"
                    + " there. Declare another engine for " + mask(origin(uri)) + ".", null);
        }
    }

    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }

    private HttpRequest request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        Map<String, String> all = new LinkedHashMap<>();
        defaultHeaders.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), k + "\n" + v));
        headers.forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), k + "\n" + v));
        for (String kv : all.values()) {
            int nl = kv.indexOf('\n');
            b.setHeader(kv.substring(0, nl), kv.substring(nl + 1));
        }
        return b.build();
    }

    private void pause(Duration wait, String method, URI target, int attempt) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpApiException(engine, 0, attempt, subject + ": " + method + " " + mask(target.toString())
                    + " was interrupted while waiting to retry.", null);
        }
    }

    private String failure(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return "could not connect within connect_timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms (request_timeout)";
        }
        if (e instanceof ConnectException) {
            return "the connection was refused";
        }
        String msg = e.getMessage();
        return mask(e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg));
    }

    private String noAnswerFix(IOException e, String method) {
        String fix = e instanceof HttpTimeoutException && !(e instanceof HttpConnectTimeoutException)
                ? "Give the server more time (request_timeout) or ask for less per request."
                : "Check that " + origin(baseUrl) + " is up and reachable from this machine (base_url, proxies).";
        if (!retry.retries(method) && retry.maxAttempts() > 1) {
            fix += " " + method + " is not retried (retry.methods: " + String.join(", ", retry.methods()) + ").";
        }
        return fix;
    }

    private String statusFix(HttpApiResponse r) {
        int s = r.status();
        if (s == 401 || s == 403) {
            return "Check the engine's credentials and headers, and that they grant access to this URL.";
        }
        if (s == 404 || s == 410) {
            return "Check the path and query (relative to base_url " + mask(baseUrl.toString()) + ").";
        }
        if (s == 429 || s >= 500) {
            Optional<Duration> asked = RetryPolicy.retryAfter(r.header("Retry-After"), ZonedDateTime.now());
            if (asked.isPresent() && asked.get().compareTo(retry.maxRetryAfter()) > 0) {
                return "The server asked to wait " + asked.get().toSeconds() + " s (Retry-After), longer than "
                        + "retry.max_retry_after (" + retry.maxRetryAfter().toSeconds() + " s); try again later or "
                        + "raise it.";
            }
            if (!retry.retries(r.method()) || !retry.retriesStatus(s)) {
                return r.method() + " answers of " + s + " are not retried (retry.methods, retry.on_status).";
            }
            return "The server kept failing; try again later, or raise retry.max_attempts ("
                    + retry.maxAttempts() + ").";
        }
        if (s >= 300 && s < 400) {
            return "The server redirected " + r.header("Location").map(l -> "to " + mask(l)).orElse("without a "
                    + "Location") + "; only redirects within " + origin(baseUrl) + " are followed.";
        }
        return "The server refused the request: check its path, query, headers and body.";
    }

    private static String reason(int status) {
        String r = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> null;
        };
        return r == null ? "" : " " + r;
    }

    private static String attempts(int n) {
        return n + " attempt" + (n == 1 ? "" : "s");
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code e} and its causes with masked messages: what exceptions keep as their cause. */
    private Throwable masked(Throwable e) {
        if (e == null) {
            return null;
        }
        RuntimeException copy = new RuntimeException(e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + mask(e.getMessage())),
                e.getCause() == e ? null : masked(e.getCause())) {
            @Override
            public String toString() {
                return getMessage();
            }
        };
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
