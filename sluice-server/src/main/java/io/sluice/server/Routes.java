package io.sluice.server;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.PathTemplateMatch;
import io.undertow.util.PathTemplateMatcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The server's endpoints on Undertow's {@link RoutingHandler}: which method and path reach which
 * handler, which of them need the bearer token, and the answers when none fits (404 naming the
 * endpoints, 405 with {@code Allow}).
 *
 * <p>Each exposed pipeline gets literal routes ({@code POST /pipelines/scoring/runs}), whose
 * handler holds its {@link PipelineApi}: a run request is matched once and finds its pipeline
 * without a lookup by name. The templates {@code /pipelines/{name}/runs} and
 * {@code /pipelines/{name}} only answer for names that are not served. The probes
 * ({@code /health}, {@code /ready}, {@code /hello}) need no token; everything else, the 404 and
 * 405 answers included, is checked first.
 */
final class Routes {
    private static final String NOT_FOUND_ENDPOINTS = "; endpoints: /health, /ready, /pipelines, "
            + "/pipelines/{name}/runs, /runs/{id}, /openapi.json, /metrics";
    /** Characters that Undertow's path templates interpret: a pipeline named with one gets no literal route. */
    private static final String TEMPLATE_CHARACTERS = "{}*";

    /** The methods a path answers, and whether it is open without the token. */
    private record Allowed(List<HttpString> methods, boolean open) {
        String header() {
            return String.join(", ", methods.stream().map(HttpString::toString).toList());
        }

        String use() {
            return String.join(" or ", methods.stream().map(HttpString::toString).toList());
        }
    }

    /** Without rewriting path parameters into query parameters: only the rare template routes read them. */
    private final RoutingHandler routing = new RoutingHandler(false);
    /** Every path template with its methods, for the 405 answer ({@code RoutingHandler} does not say). */
    private final PathTemplateMatcher<Allowed> allowed = new PathTemplateMatcher<>();
    private final Map<String, Allowed> byTemplate = new LinkedHashMap<>();
    private final BearerAuth auth;

    private Routes(BearerAuth auth) {
        this.auth = auth;
        routing.setFallbackHandler(auth.protect(ex -> Responses.error(ex, 404,
                "no endpoint " + ex.getRelativePath() + NOT_FOUND_ENDPOINTS)));
        routing.setInvalidMethodHandler(this::methodNotAllowed);
    }

    /** What the routes answer with. */
    record Endpoints(Map<String, PipelineApi> apis, Map<String, byte[]> descriptions, byte[] pipelinesJson,
                     byte[] openApiJson, Supplier<Phase> phase, InFlight inFlight, AsyncRuns asyncRuns,
                     RunDispatcher runs, int asyncResults, boolean hello) {
    }

    /** The handler of every request. */
    static HttpHandler of(Endpoints e, BearerAuth auth) {
        Routes r = new Routes(auth);
        r.open(Methods.GET, "/health", ex -> Responses.send(ex, 200, Responses.HEALTH));
        r.open(Methods.GET, "/ready", ex -> ready(ex, e.phase.get()));
        if (e.hello) {
            r.open(Methods.GET, "/hello", ex -> Responses.send(ex, 200, Responses.HELLO));
        }
        r.protect(Methods.GET, "/pipelines", ex -> Responses.send(ex, 200, e.pipelinesJson));
        r.protect(Methods.GET, "/openapi.json", ex -> Responses.send(ex, 200, e.openApiJson));
        r.protect(Methods.GET, "/metrics", ex -> Responses.send(ex, 200, Responses.PROMETHEUS,
                RunMetrics.exposition(e.apis, e.inFlight.active()).getBytes(StandardCharsets.UTF_8), null));
        for (PipelineApi api : e.apis.values()) {
            if (api.name.chars().noneMatch(c -> TEMPLATE_CHARACTERS.indexOf(c) >= 0)) {
                byte[] description = e.descriptions.get(api.name);
                r.protect(Methods.POST, api.runPath(), ex -> e.runs.run(ex, api));
                r.protect(Methods.GET, "/pipelines/" + api.name, ex -> Responses.send(ex, 200, description));
            }
        }
        r.protect(Methods.POST, "/pipelines/{name}/runs", ex -> {
            String name = parameter(ex, "name");
            PipelineApi api = name == null ? null : e.apis.get(name);
            if (api != null) {
                e.runs.run(ex, api);
            } else if (name != null) {
                notServed(ex, name, e);
            }
        });
        r.protect(Methods.GET, "/pipelines/{name}", ex -> {
            String name = parameter(ex, "name");
            byte[] description = name == null ? null : e.descriptions.get(name);
            if (description != null) {
                Responses.send(ex, 200, description);
            } else if (name != null) {
                notServed(ex, name, e);
            }
        });
        r.protect(Methods.GET, "/runs/{id}", ex -> {
            String id = parameter(ex, "id");
            if (id != null) {
                byte[] status = e.asyncRuns.get(id);
                if (status == null) {
                    unknownRun(ex, id, e);
                } else {
                    Responses.send(ex, 200, status);
                }
            }
        });
        r.protect(Methods.DELETE, "/runs/{id}", ex -> {
            String id = parameter(ex, "id");
            if (id != null) {
                cancel(ex, id, e);
            }
        });
        r.byTemplate.forEach(r.allowed::add);
        return r.routing;
    }

    private void open(HttpString method, String template, HttpHandler handler) {
        add(method, template, handler, true);
    }

    private void protect(HttpString method, String template, HttpHandler handler) {
        add(method, template, auth.protect(handler), false);
    }

    private void add(HttpString method, String template, HttpHandler handler, boolean open) {
        routing.add(method, template, handler);
        Allowed before = byTemplate.get(template);
        List<HttpString> methods = new ArrayList<>(before == null ? List.of() : before.methods);
        methods.add(method);
        byTemplate.put(template, new Allowed(List.copyOf(methods), open));
    }

    /** A path that some route has, with a method none of its routes answers. */
    private void methodNotAllowed(HttpServerExchange ex) {
        PathTemplateMatcher.PathMatchResult<Allowed> match = allowed.match(ex.getRelativePath());
        if (match == null) { // not reached: RoutingHandler calls this only for a path some route has
            Responses.error(ex, 404, "no endpoint " + ex.getRelativePath() + NOT_FOUND_ENDPOINTS);
            return;
        }
        Allowed a = match.getValue();
        if (!a.open && !auth.check(ex)) {
            return;
        }
        ex.getResponseHeaders().put(Headers.ALLOW, a.header());
        Responses.error(ex, 405, ex.getRequestMethod() + " is not allowed on " + ex.getRelativePath() + "; use "
                + a.use());
    }

    /**
     * The value of a template's parameter; null, with the request answered 404, when it is empty
     * or the path ends with a slash (templates accept both, the endpoints do not).
     */
    private static String parameter(HttpServerExchange ex, String name) {
        String path = ex.getRelativePath();
        String value = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
        if (value == null || value.isEmpty() || path.endsWith("/")) {
            Responses.error(ex, 404, "no endpoint " + path + NOT_FOUND_ENDPOINTS);
            return null;
        }
        return value;
    }

    private static void ready(HttpServerExchange ex, Phase phase) {
        Responses.send(ex, phase == Phase.READY ? 200 : 503, phase == Phase.READY ? Responses.READY
                : phase == Phase.STARTING || phase == Phase.NEW ? Responses.STARTING : Responses.DRAINING);
    }

    private static void notServed(HttpServerExchange ex, String name, Endpoints e) {
        Responses.error(ex, 404, "pipeline '" + name + "' is not served; served pipelines: " + e.apis.keySet());
    }

    private static void unknownRun(HttpServerExchange ex, String id, Endpoints e) {
        Responses.error(ex, 404, "no async run '" + id + "' (unknown, or older than the last " + e.asyncResults
                + " finished runs)");
    }

    /** {@code DELETE /runs/{id}}: 202 with the run's state, 404 unknown, 409 already ended. */
    private static void cancel(HttpServerExchange ex, String id, Endpoints e) {
        AsyncRuns.Cancel c = e.asyncRuns.cancel(id);
        switch (c.outcome()) {
            case UNKNOWN -> unknownRun(ex, id, e);
            case ENDED -> Responses.send(ex, 409, Json.error("run " + id + " has already ended ("
                    + c.state().jsonName() + "); only a pending or running run can be cancelled", id, null));
            case CANCELLING -> Responses.send(ex, 202, c.json());
        }
    }
}
