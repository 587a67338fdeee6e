package io.sluice.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/**
 * The OpenAPI 3.0 document of a server: one {@code POST /pipelines/{name}/runs} path per exposed
 * pipeline with its request and response schemas, plus the fixed endpoints. Built once at start.
 */
final class OpenApi {
    private static final String ERROR = "#/components/responses/Error";

    private OpenApi() {
    }

    static ObjectNode document(String title, Collection<PipelineApi> pipelines, boolean auth, ServerConfig config) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.3");
        doc.putObject("info").put("title", title).put("version", version())
                .put("description", "Pipelines served by Sluice. Runs are synchronous unless ?mode=async.");
        ObjectNode paths = doc.putObject("paths");
        for (PipelineApi p : pipelines) {
            ObjectNode post = paths.putObject(p.runPath()).putObject("post");
            post.put("operationId", "run_" + p.name.replaceAll("[^A-Za-z0-9_]", "_"));
            post.put("summary", "Run pipeline " + p.name);
            post.putArray("tags").add("pipelines");
            ObjectNode mode = post.putArray("parameters").addObject();
            mode.put("name", "mode").put("in", "query").put("required", false)
                    .put("description", "sync (default): wait for the outputs; async: return 202 and a run id");
            mode.putObject("schema").put("type", "string").put("default", "sync").putArray("enum").add("sync")
                    .add("async");
            ObjectNode runner = ((ArrayNode) post.get("parameters")).addObject();
            runner.put("name", ServedRunners.PARAM).put("in", "query").put("required", false)
                    .put("description", "The runners.yml entry that runs the pipeline (default: " + config.runner()
                            + "); only those listed under runners: in the server config. Any other name is "
                            + "answered 400 with the allowed ones; launchers are never run per request.");
            ArrayNode allowed = runner.putObject("schema").put("type", "string").put("default", config.runner())
                    .putArray("enum");
            allowed.add(config.runner());
            config.runners().stream().filter(r -> !r.equals(config.runner())).forEach(allowed::add);
            post.putObject("requestBody").put("required", false).putObject("content").putObject("application/json")
                    .set("schema", p.requestSchema());
            ObjectNode responses = post.putObject("responses");
            ObjectNode ok = Json.object().put("type", "object");
            ObjectNode okProps = ok.putObject("properties");
            okProps.putObject("run_id").put("type", "string");
            okProps.set("outputs", p.outputsSchema());
            ok.putArray("required").add("run_id").add("outputs");
            json(responses.putObject("200").put("description", "The run succeeded"), ok);
            json(responses.putObject("202").put("description", "Async run accepted; poll the Location header"),
                    accepted());
            for (String code : new String[] {"400", "401", "404", "413", "422", "429", "500", "503", "504"}) {
                responses.putObject(code).put("$ref", ERROR);
            }
        }
        ObjectNode runPath = paths.putObject("/runs/{run_id}");
        ObjectNode run = runPath.putObject("get");
        run.put("operationId", "get_run").put("summary", "Status and result of an async run");
        runIdParameter(run);
        ObjectNode runResponses = run.putObject("responses");
        json(runResponses.putObject("200").put("description", "The run"), runStatus());
        runResponses.putObject("404").put("$ref", ERROR);
        ObjectNode cancel = runPath.putObject("delete");
        cancel.put("operationId", "cancel_run").put("summary", "Cancel an async run")
                .put("description", "No further node starts; nodes running are interrupted, and finish if they do "
                        + "not wait or check for interruption. Loads and saves are never interrupted. The run ends "
                        + "as cancelled; poll GET /runs/{run_id} for it.");
        runIdParameter(cancel);
        ObjectNode cancelResponses = cancel.putObject("responses");
        json(cancelResponses.putObject("202").put("description", "Cancellation requested; the run's current state"),
                runStatus());
        cancelResponses.putObject("404").put("$ref", ERROR);
        cancelResponses.putObject("409").put("$ref", ERROR);
        ObjectNode list = paths.putObject("/pipelines").putObject("get");
        list.put("operationId", "list_pipelines").put("summary", "The exposed pipelines with their schemas");
        json(list.putObject("responses").putObject("200").put("description", "The pipelines"),
                Json.object().put("type", "object"));
        ObjectNode metrics = paths.putObject("/metrics").putObject("get");
        metrics.put("operationId", "metrics").put("summary", "Run counters and refused requests in the Prometheus "
                + "text format").put("description", "sluice_runs_total{pipeline,outcome,thread}, "
                + "sluice_run_seconds_total{pipeline}, sluice_pipeline_on_io_thread{pipeline}, "
                + "sluice_io_thread_demotions_total{pipeline}, sluice_runs_in_progress, "
                + "sluice_http_requests_refused_total{pipeline,status,reason} (pipeline only for run requests of a "
                + "served pipeline)");
        metrics.putObject("responses").putObject("200").put("description", "The metrics")
                .putObject("content").putObject("text/plain").putObject("schema").put("type", "string");
        for (String probe : new String[] {"/health", "/ready"}) {
            ObjectNode get = paths.putObject(probe).putObject("get");
            get.put("operationId", probe.substring(1));
            get.putArray("security"); // probes need no token
            ObjectNode responses = get.putObject("responses");
            json(responses.putObject("200").put("description", "OK"), Json.object().put("type", "object"));
            if (probe.equals("/ready")) {
                responses.putObject("503").put("description", "Starting or draining");
            }
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode error = components.putObject("schemas").putObject("Error").put("type", "object");
        ObjectNode ep = error.putObject("properties");
        ep.putObject("error").put("type", "string");
        ep.putObject("run_id").put("type", "string");
        ep.putObject("node").put("type", "string").put("description", "With a 500: the node that failed, or that "
                + "produced an output JSON cannot carry (NaN or an infinity)");
        error.putArray("required").add("error");
        json(components.putObject("responses").putObject("Error").put("description", "An error"),
                Json.object().put("$ref", "#/components/schemas/Error"));
        if (auth) {
            components.putObject("securitySchemes").putObject("bearer").put("type", "http").put("scheme", "bearer")
                    .put("description", "The token of the server's auth: bearer_token_credentials; every endpoint but "
                            + "/health and /ready needs it");
            doc.putArray("security").addObject().putArray("bearer");
        }
        return doc;
    }

    private static void json(ObjectNode response, ObjectNode schema) {
        response.putObject("content").putObject("application/json").set("schema", schema);
    }

    private static void runIdParameter(ObjectNode operation) {
        operation.putArray("parameters").addObject().put("name", "run_id").put("in", "path").put("required", true)
                .putObject("schema").put("type", "string");
    }

    private static ObjectNode accepted() {
        ObjectNode s = Json.object().put("type", "object");
        s.putObject("properties").putObject("run_id").put("type", "string");
        s.putArray("required").add("run_id");
        return s;
    }

    private static ObjectNode runStatus() {
        ObjectNode s = Json.object().put("type", "object");
        ObjectNode p = s.putObject("properties");
        p.putObject("run_id").put("type", "string");
        p.putObject("pipeline").put("type", "string");
        ArrayNode status = p.putObject("status").put("type", "string").putArray("enum");
        status.add("pending").add("running").add("succeeded").add("failed").add("cancelled");
        p.putObject("outputs").put("type", "object");
        p.putObject("error").put("type", "string");
        p.putObject("node").put("type", "string");
        s.putArray("required").add("run_id").add("status");
        return s;
    }

    private static String version() {
        String v = OpenApi.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }
}
