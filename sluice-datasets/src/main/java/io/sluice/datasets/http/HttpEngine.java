package io.sluice.datasets.http;

import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineCredentials;
import io.sluice.io.Credentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code http} engine: an {@link HttpApi} — a {@link HttpClient} bound to a base URL, with
 * default headers, timeouts and retries — for nodes ({@code engine:github}) and {@code api}
 * datasets ({@code engine: github}). Made on first use, closed with the session.
 *
 * <pre>{@code
 * github:
 *   type: http
 *   base_url: https://api.github.com       # required; paths of requests and datasets are relative to it
 *   credentials: github                    # credentials.yml: github: {token: ghp_...}
 *   headers:                               # sent with every request
 *     Accept: application/vnd.github+json
 *     Authorization: "Bearer {credentials.token}"   # {credentials.KEY}: a value of the credentials
 *   connect_timeout: 5s
 *   request_timeout: 30s                   # per attempt, until the whole answer has arrived
 *   health_path: /rate_limit               # what ping GETs (default: base_url itself)
 *   http_version: http_2                   # or http_1_1
 *   retry: {max_attempts: 4, initial_backoff: 200ms, max_backoff: 10s, jitter: 0.2}   # see RetryPolicy
 * }</pre>
 *
 * <p><b>Credentials</b> reach requests only through headers. A header value may hold
 * {@code {credentials.KEY}} placeholders; then the credentials may hold only the keys the headers
 * name. Without placeholders, a {@code token} becomes {@code Authorization: Bearer <token>}, and
 * a {@code user} (or {@code username}) with a {@code password} becomes Basic authentication.
 * Placeholders are not {@code ${...}} interpolation, which is resolved for the whole file before
 * the engine sees it.
 *
 * <p><b>Secrets</b> — credential values, the values of headers whose names speak of
 * authorization, tokens, keys, secrets or cookies, a password in the base URL and secret-looking
 * query values ({@code api_key=}, {@code token=}…) — are masked in {@link #describe()}, in every
 * message, log line and health answer.
 *
 * <p>{@code ping} GETs {@code health_path} once (no retries) and is up on any status below 400.
 */
public final class HttpEngine extends Engine<HttpApi> {
    /** The type name in {@code engines.yml}. */
    public static final String TYPE = "http";

    /** The HTTP versions the JDK client speaks; {@code http_2} falls back to 1.1 when the server does. */
    enum Version { HTTP_1_1, HTTP_2 }

    /**
     * The options of an {@code http} entry.
     *
     * @param baseUrl        where every relative path resolves: {@code https://host[:port][/prefix]}
     * @param headers        sent with every request; values may hold {@code {credentials.KEY}}
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for a whole answer, per attempt
     * @param healthPath     what {@code ping} GETs, relative to {@code base_url}
     * @param httpVersion    the HTTP version asked for
     * @param retry          when and how often requests are sent again
     */
    record Options(String baseUrl, Map<String, String> headers, Duration connectTimeout, Duration requestTimeout,
                   String healthPath, Version httpVersion, RetryPolicy retry) {
    }

    static final Options DEFAULTS = new Options(null, Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(30), "",
            Version.HTTP_2, RetryPolicy.DEFAULTS);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{credentials\\.([A-Za-z0-9_.-]+)}");
    private static final Pattern SENSITIVE_HEADER =
            Pattern.compile("(?i).*(auth|token|key|secret|cookie|session|signature|password).*");
    private static final Pattern SECRET_QUERY = Pattern.compile("(?i)([?&;](?:access_token|api_key|apikey|api-key"
            + "|token|key|secret|client_secret|signature|sig|auth)=)[^&#\\s\"'<>]+");
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final Options options;
    private final URI baseUrl;
    private final Map<String, String> headers;
    private final Set<String> headerSecrets;
    private final String auth;

    /** Reads the entry; connects only on first use. */
    public HttpEngine(EngineConfig config) {
        super(config, HttpApi.class);
        this.options = config.bind(Options.class, DEFAULTS);
        EngineCredentials credentials = config.credentials();
        if (options.baseUrl() == null || options.baseUrl().isBlank()) {
            throw new EngineConfigException(config.location() + ": " + config.subject() + " is missing required key "
                    + "'base_url'. Add it, e.g. 'base_url: https://api.example.com/v1'.");
        }
        this.baseUrl = baseUrl(config, options.baseUrl());

        Map<String, String> resolved = new LinkedHashMap<>();
        Set<String> referenced = new LinkedHashSet<>();
        for (Map.Entry<String, String> h : options.headers().entrySet()) {
            String name = h.getKey();
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new EngineConfigException(config.location() + ": " + config.subject() + ": header '" + name
                        + "' cannot be set" + (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))
                        ? " (the client sets it itself)" : " (not a header name)") + ". Remove it from 'headers'.");
            }
            Matcher m = PLACEHOLDER.matcher(h.getValue() == null ? "" : h.getValue());
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                if (credentials.isEmpty()) {
                    throw new EngineConfigException(config.location() + ": " + config.subject() + ": header '" + name
                            + "' uses {credentials." + m.group(1) + "}, but the engine has no credentials. Add "
                            + "'credentials: <name of an entry in credentials.yml>' to it.");
                }
                referenced.add(m.group(1));
                m.appendReplacement(value, Matcher.quoteReplacement(credentials.get(m.group(1))));
            }
            m.appendTail(value);
            resolved.put(name, value.toString());
        }
        boolean hasAuthorization = resolved.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("Authorization"));
        String authText = "none";
        if (!referenced.isEmpty()) {
            credentials.requireKnownKeys(referenced);
            authText = "headers from credentials";
        } else if (!credentials.isEmpty()) {
            credentials.requireKnownKeys(List.of("token", "user", "username", "password"));
            if (hasAuthorization) {
                throw new EngineConfigException(config.location() + ": " + config.subject() + " has credentials and "
                        + "also an Authorization header that uses none of them. Write the header as 'Bearer "
                        + "{credentials.token}' (or the key you need), or remove one of them.");
            }
            if (credentials.optional("token").isPresent()) {
                if (credentials.keys().size() > 1) {
                    throw new EngineConfigException(config.location() + ": " + config.subject() + ": "
                            + credentials.source() + " give a token and also " + String.join(", ",
                            credentials.keys().stream().filter(k -> !k.equals("token")).toList())
                            + "; keep the token (Bearer) or user and password (Basic).");
                }
                resolved.put("Authorization", "Bearer " + credentials.get("token"));
                authText = "bearer token from " + credentials.source();
            } else {
                String user = credentials.optional("user").or(() -> credentials.optional("username"))
                        .orElseThrow(() -> new EngineConfigException(config.location() + ": " + config.subject()
                                + ": " + credentials.source() + " have a password but no user; add 'user'."));
                String basic = Base64.getEncoder().encodeToString((user + ":" + credentials.get("password"))
                        .getBytes(StandardCharsets.UTF_8));
                resolved.put("Authorization", "Basic " + basic);
                authText = "basic (user " + user + ") from " + credentials.source();
            }
        }
        this.headers = java.util.Collections.unmodifiableMap(resolved);
        this.auth = authText;
        Set<String> secrets = new LinkedHashSet<>(Credentials.urlSecrets(options.baseUrl()));
        resolved.forEach((k, v) -> {
            if (SENSITIVE_HEADER.matcher(k).matches() && !v.isBlank()) {
                secrets.add(v);
                String[] parts = v.trim().split("\\s+", 2);
                if (parts.length == 2 && parts[1].length() >= 3) {
                    secrets.add(parts[1]); // the token after "Bearer "
                }
            }
        });
        secrets.removeIf(s -> s.length() < 3);
        this.headerSecrets = Set.copyOf(secrets);
    }

    private static URI baseUrl(EngineConfig config, String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme())
                || "https".equalsIgnoreCase(uri.getScheme())) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new EngineConfigException(config.location() + ": " + config.subject() + ": base_url '"
                    + Credentials.maskUrlSecrets(text) + "' is not an http(s) URL without query. Write e.g. "
                    + "https://api.example.com/v1 and give query values to the requests or datasets.");
        }
        return uri;
    }

    @Override
    protected HttpApi create() {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sluice-http-" + name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER) // HttpApi follows same-origin ones only
                .version(options.httpVersion() == Version.HTTP_2 ? HttpClient.Version.HTTP_2
                        : HttpClient.Version.HTTP_1_1)
                .executor(pool)
                .build();
        return new HttpApi(name(), subject(), baseUrl, headers, options.requestTimeout(), options.retry(),
                this::mask, client, pool);
    }

    /** GETs {@code health_path} once within the timeout; up below 400. */
    @Override
    protected void check(HttpApi client, Duration timeout) throws HttpApi.HealthCheckFailed {
        client.check(options.healthPath(), timeout);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(super.describe());
        out.put("base_url", mask(baseUrl.toString()));
        if (!options.headers().isEmpty()) {
            Map<String, Object> shown = new LinkedHashMap<>();
            options.headers().forEach((k, v) -> shown.put(k, shownHeader(k, v)));
            out.put("headers", shown);
        }
        out.put("auth", auth);
        out.put("client", HttpApi.class.getName());
        return out;
    }

    /**
     * A header as {@code describe} shows it: as written when it is not sensitive, or when its
     * secret part is all placeholders ({@code Bearer {credentials.token}}); else {@code ****}.
     */
    private String shownHeader(String name, String value) {
        String v = value == null ? "" : value;
        if (!SENSITIVE_HEADER.matcher(name).matches()) {
            return mask(v);
        }
        String rest = PLACEHOLDER.matcher(v).replaceAll("").trim();
        return v.contains("{credentials.") && rest.matches("(?i)(bearer|basic|token)?") ? v
                : EngineCredentials.MASK;
    }

    @Override
    public String mask(String text) {
        String out = super.mask(Credentials.maskUrlSecrets(text));
        if (out == null || headerSecrets == null) {
            return out;
        }
        List<String> longestFirst = new ArrayList<>(headerSecrets);
        longestFirst.sort((a, b) -> b.length() - a.length());
        for (String s : longestFirst) {
            out = out.replace(s, EngineCredentials.MASK);
        }
        return SECRET_QUERY.matcher(out).replaceAll("$1" + EngineCredentials.MASK);
    }

    /** The base URL, for datasets' descriptions. */
    URI baseUrl() {
        return baseUrl;
    }

    @Override
    protected String fix() {
        return "Check base_url, the credentials and that " + HttpApi.origin(baseUrl) + " is reachable from this "
                + "machine.";
    }
}
