package io.sluice.server;

import io.undertow.io.IoCallback;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
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
 * The server's endpoints: which method and path reach which handler, which of them need the
 * bearer token, and the answers when none fits (404 naming the endpoints, 405 with
 * {@code Allow}). Paths are matched by Undertow's own path templates
 * ({@link PathTemplateMatcher}, what its {@code RoutingHandler} matches with), once per request
 * whatever the method; each path's route then holds its handler per method.
 *
 * <p>Why not {@code RoutingHandler} itself: it cannot say which methods a path allows (a 405
 * needs {@code Allow}), matches a second time to tell a 405 from a 404, and stores every match in
 * an attachment map that it creates on each exchange, for a handler that never reads it. Run
 * requests routed by it allocated about 0.5 KB more on the server's threads than with this
 * class (7.5 KB against 7.0 KB, measured). Here only the template routes ({@code /runs/{id}}…)
 * attach their match, for their handlers to read the parameters.
 *
 * <p>Each exposed pipeline gets literal routes ({@code POST /pipelines/scoring/runs}) whose
 * handler holds the pipeline: a run request is matched once and finds its pipeline without a
 * lookup by name. The templates {@code /pipelines/{name}/runs} and {@code /pipelines/{name}}
 * answer for names that are not served (and for names Undertow's templates cannot spell). The
 * probes ({@code /health}, {@code /ready}, {@code /hello}) need no token, nor do Swagger UI's page
 * and scripts ({@code /docs}), nor {@code /openapi.json} with {@code docs: public}; everything
 * else, the 404 and 405 answers included, is checked first. With {@code docs: off} neither
 * {@code /docs} nor {@code /openapi.json} exists.
 */
final class Routes implements HttpHandler {
    private static final String ENDPOINTS = "; endpoints: /health, /ready, /pipelines, "
            + "/pipelines/{name}/runs, /runs/{id}, /openapi.json, /docs, /metrics";
    private static final String ENDPOINTS_WITHOUT_DOCS = "; endpoints: /health, /ready, /pipelines, "
            + "/pipelines/{name}/runs, /runs/{id}, /metrics";
    /** Characters that Undertow's path templates interpret: a pipeline named with one gets no literal route. */
    private static final String TEMPLATE_CHARACTERS = "{}*";

    /** One path: its handlers by method, tried in the order added (a path has one or two). */
    private static final class Route {
        final boolean open;
        final boolean template;
        final HttpString[] methods;
        final HttpHandler[] handlers;
        /** The {@code Allow} header of a 405. */
        final String allow;

        Route(boolean open, boolean template, List<HttpString> methods, List<HttpHandler> handlers) {
            this.open = open;
            this.template = template;
            this.methods = methods.toArray(HttpString[]::new);
            this.handlers = handlers.toArray(HttpHandler[]::new);
            this.allow = String.join(", ", methods.stream().map(HttpString::toString).toList());
        }

        HttpHandler handler(HttpString method) {
            for (int i = 0; i < methods.length; i++) {
                if (methods[i].equals(method)) {
                    return handlers[i];
                }
            }
            return null;
        }
    }

    /** A route being declared. */
    private record Declared(boolean open, List<HttpString> methods, List<HttpHandler> handlers) {
    }

    private final PathTemplateMatcher<Route> matcher = new PathTemplateMatcher<>();
    private final Map<String, Declared> declared = new LinkedHashMap<>();
    private final BearerAuth auth;
    /** Refusals of requests that name no served pipeline ({@code GET /metrics}). */
    private final Refusals refused;
    private final HttpHandler notFound;
    private final String endpoints;
    // The probes' bodies, computed once per server (a static array could be written by anyone).
    private final byte[] health = Responses.bytes("{\"status\":\"ok\"}");
    private final byte[] hello = Responses.bytes("{\"hello\":\"world\"}");
    private final byte[] ready = Responses.bytes("{\"status\":\"ready\"}");
    private final byte[] starting = Responses.bytes("{\"status\":\"starting\"}");
    private final byte[] warmingUp = Responses.bytes("{\"status\":\"warming_up\"}");
    private final byte[] draining = Responses.bytes("{\"status\":\"draining\"}");

    private Routes(BearerAuth auth, Refusals refused, ServerConfig.Docs docs) {
        this.auth = auth;
        this.refused = refused;
        this.endpoints = docs == ServerConfig.Docs.OFF ? ENDPOINTS_WITHOUT_DOCS : ENDPOINTS;
        this.notFound = auth.protect(this::noEndpoint);
    }

    /**
     * What the routes answer with.
     *
     * @param runs    the run handler of each exposed pipeline ({@link RunDispatcher#handler})
     * @param refused where refusals of requests that name no served pipeline are counted (those of
     *                run requests are counted by the run handlers, per pipeline)
     * @param docs    who may read {@code /docs} and {@code /openapi.json}
     */
    record Endpoints(Map<String, PipelineApi> apis, Map<String, HttpHandler> runs, Map<String, byte[]> descriptions,
                     byte[] pipelinesJson, byte[] openApiJson, Supplier<Phase> phase, ServerMetrics metrics,
                     AsyncRuns asyncRuns, int asyncResults, boolean hello, Refusals refused,
                     EngineReadiness engines, ServerConfig.Docs docs) {
    }

    /** The handler of every request; {@code auth} counts its refusals in {@code e.refused} too. */
    static Routes of(Endpoints e, BearerAuth auth) {
        Routes r = new Routes(auth, e.refused, e.docs);
        r.open(Methods.GET, "/health", ex -> Responses.send(ex, 200, r.health));
        r.open(Methods.GET, "/ready", ex -> r.ready(ex, e.phase.get(), e.engines));
        if (e.hello) {
            r.open(Methods.GET, "/hello", ex -> Responses.send(ex, 200, r.hello));
        }
        r.protect(Methods.GET, "/pipelines", ex -> Responses.send(ex, 200, e.pipelinesJson));
        r.protect(Methods.GET, "/metrics", new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange ex) {
                if (ex.isInIoThread()) { // the JVM and process meters ask the operating system
                    ex.dispatch(this);
                    return;
                }
                byte[] metrics = e.metrics.scrape().getBytes(StandardCharsets.UTF_8);
                Responses.send(ex, 200, Responses.PROMETHEUS, metrics, (IoCallback) null);
            }
        });
        if (e.docs != ServerConfig.Docs.OFF) {
            r.docs(e);
        }
        for (PipelineApi api : e.apis.values()) {
            if (api.name.chars().noneMatch(c -> TEMPLATE_CHARACTERS.indexOf(c) >= 0)) {
                byte[] description = e.descriptions.get(api.name);
                r.protect(Methods.POST, api.runPath(), e.runs.get(api.name));
                r.protect(Methods.GET, "/pipelines/" + api.name, ex -> Responses.send(ex, 200, description));
            }
        }
        r.protect(Methods.POST, "/pipelines/{name}/runs", ex -> {
            String name = r.parameter(ex, "name");
            HttpHandler run = name == null ? null : e.runs.get(name);
            if (run != null) {
                run.handleRequest(ex);
            } else if (name != null) {
                r.notServed(ex, name, e);
            }
        });
        r.protect(Methods.GET, "/pipelines/{name}", ex -> {
            String name = r.parameter(ex, "name");
            byte[] description = name == null ? null : e.descriptions.get(name);
            if (description != null) {
                Responses.send(ex, 200, description);
            } else if (name != null) {
                r.notServed(ex, name, e);
            }
        });
        r.protect(Methods.GET, "/runs/{id}", ex -> {
            String id = r.parameter(ex, "id");
            if (id != null) {
                byte[] status = e.asyncRuns.get(id);
                if (status == null) {
                    r.unknownRun(ex, id, e);
                } else {
                    Responses.send(ex, 200, status);
                }
            }
        });
        r.protect(Methods.DELETE, "/runs/{id}", ex -> {
            String id = r.parameter(ex, "id");
            if (id != null) {
                r.cancel(ex, id, e);
            }
        });
        r.declared.forEach((template, d) -> r.matcher.add(template,
                new Route(d.open, template.contains("{"), d.methods, d.handlers)));
        return r;
    }

    /**
     * {@code /openapi.json}, open with {@code docs: public}, else behind the token like the API;
     * Swagger UI's page and scripts, open (they are the same for every server and hold nothing of
     * this one), asking for the token first when the document needs it.
     */
    private void docs(Endpoints e) {
        HttpHandler document = ex -> Responses.send(ex, 200, e.openApiJson);
        if (e.docs == ServerConfig.Docs.PUBLIC) {
            open(Methods.GET, "/openapi.json", document);
        } else {
            protect(Methods.GET, "/openapi.json", document);
        }
        SwaggerDocs docs = new SwaggerDocs(auth.enabled() && e.docs == ServerConfig.Docs.PROTECTED);
        open(Methods.GET, "/docs", docs::page);
        open(Methods.GET, "/docs/{file}", ex -> {
            String file = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get("file");
            if (file == null || file.isEmpty()) { // "/docs/" itself
                docs.page(ex);
            } else {
                docs.file(ex, file);
            }
        });
    }

    @Override
    public void handleRequest(HttpServerExchange ex) throws Exception {
        PathTemplateMatcher.PathMatchResult<Route> match = matcher.match(ex.getRelativePath());
        if (match == null) {
            notFound.handleRequest(ex);
            return;
        }
        Route route = match.getValue();
        HttpHandler handler = route.handler(ex.getRequestMethod());
        if (handler == null) {
            methodNotAllowed(ex, route);
            return;
        }
        if (route.template) {
            ex.putAttachment(PathTemplateMatch.ATTACHMENT_KEY, match);
        }
        handler.handleRequest(ex);
    }

    private void open(HttpString method, String template, HttpHandler handler) {
        add(method, template, handler, true);
    }

    private void protect(HttpString method, String template, HttpHandler handler) {
        add(method, template, auth.protect(handler), false);
    }

    private void add(HttpString method, String template, HttpHandler handler, boolean open) {
        Declared d = declared.computeIfAbsent(template, t -> new Declared(open, new ArrayList<>(), new ArrayList<>()));
        d.methods.add(method);
        d.handlers.add(handler);
    }

    private void methodNotAllowed(HttpServerExchange ex, Route route) {
        if (!route.open && !auth.check(ex)) {
            return;
        }
        ex.getResponseHeaders().put(Headers.ALLOW, route.allow);
        refused.refuse(ex, Refusal.METHOD_NOT_ALLOWED, ex.getRequestMethod() + " is not allowed on " + ex.getRelativePath() + "; use "
                + route.allow.replace(", ", " or "));
    }

    private void noEndpoint(HttpServerExchange ex) {
        refused.refuse(ex, Refusal.NOT_FOUND, "no endpoint " + ex.getRelativePath() + endpoints);
    }

    /**
     * The value of a template's parameter; null, with the request answered 404, when it is empty
     * or the path ends with a slash (templates accept both, the endpoints do not).
     */
    private String parameter(HttpServerExchange ex, String name) {
        String value = ex.getAttachment(PathTemplateMatch.ATTACHMENT_KEY).getParameters().get(name);
        if (value == null || value.isEmpty() || ex.getRelativePath().endsWith("/")) {
            noEndpoint(ex);
            return null;
        }
        return value;
    }

    private void ready(HttpServerExchange ex, Phase phase, EngineReadiness engines) {
        if (phase == Phase.READY && !engines.isEmpty()) {
            if (ex.isInIoThread()) {
                ex.dispatch(() -> ready(ex, phase, engines)); // pinging waits on the backends
                return;
            }
            com.fasterxml.jackson.databind.node.ObjectNode down = engines.down();
            if (down != null) {
                Responses.send(ex, 503, Json.bytes(down));
                return;
            }
        }
        Responses.send(ex, phase == Phase.READY ? 200 : 503, switch (phase) {
            case READY -> ready;
            case NEW, STARTING -> starting;
            case WARMING_UP -> warmingUp;
            case DRAINING, STOPPED -> draining;
        });
    }

    private void notServed(HttpServerExchange ex, String name, Endpoints e) {
        refused.refuse(ex, Refusal.NOT_FOUND, "pipeline '" + name + "' is not served; served pipelines: " + e.apis.keySet());
    }

    private void unknownRun(HttpServerExchange ex, String id, Endpoints e) {
        refused.refuse(ex, Refusal.NOT_FOUND, "no async run '" + id + "' (unknown, or older than the last " + e.asyncResults
                + " finished runs)");
    }

    /** {@code DELETE /runs/{id}}: 202 with the run's state, 404 unknown, 409 already ended. */
    private void cancel(HttpServerExchange ex, String id, Endpoints e) {
        AsyncRuns.Cancel c = e.asyncRuns.cancel(id);
        switch (c.outcome()) {
            case UNKNOWN -> unknownRun(ex, id, e);
            case ENDED -> {
                refused.count(Refusal.RUN_ENDED);
                Responses.send(ex, 409, Json.error("run " + id + " has already ended ("
                        + c.state().jsonName() + "); only a pending or running run can be cancelled", id, null));
            }
            case CANCELLING -> Responses.send(ex, 202, c.json());
        }
    }
}
