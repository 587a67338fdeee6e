package io.sluice.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.config.ConfigException;
import io.sluice.server.ServerConfig.Example;
import io.sluice.session.PipelineDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies one pipeline's warm-up sends, computed when the server is built: its recorded
 * examples ({@code warmup.examples}), each read and checked against the pipeline now so that a
 * bad one is a config error naming its place in {@code server.yml}; else synthetic bodies
 * ({@link SyntheticRequests}). A pipeline whose inputs no body can be made up for gets none, and
 * {@code unusable} says why.
 *
 * @param bodies   the bodies, sent in turn; empty when {@code unusable}
 * @param source   "recorded examples" or "synthetic requests", for the log
 * @param unusable why the pipeline gets no warm-up requests, or {@code null}
 */
record WarmUpRequests(List<byte[]> bodies, String source, String unusable) {
    /** How many different synthetic bodies a pipeline's warm-up cycles through. */
    static final int SYNTHETIC_VARIETY = 256;

    WarmUpRequests {
        bodies = List.copyOf(bodies);
    }

    /**
     * The warm-up bodies of {@code api}.
     *
     * @param projectDir where example files are read from
     * @throws ConfigException for an example that cannot be read, is not JSON, or does not fit
     *                         the pipeline, at its place in {@code server.yml}
     */
    static WarmUpRequests of(PipelineApi api, PipelineDescription description, ServerConfig.WarmUp warmUp,
                             Path projectDir) {
        List<Example> examples = warmUp.examples().get(api.name);
        if (examples != null && !examples.isEmpty()) {
            List<byte[]> bodies = new ArrayList<>();
            for (Example example : examples) {
                bodies.addAll(read(api, example, projectDir));
            }
            return new WarmUpRequests(bodies, "recorded examples", bodies.isEmpty()
                    ? "its warmup.examples hold no request body" : null);
        }
        try {
            List<byte[]> bodies = SyntheticRequests.bodies(description,
                    Math.min(warmUp.requests(), SYNTHETIC_VARIETY), warmUp.seed());
            api.parse(bodies.get(0)); // what the pipeline refuses is not worth sending thousands of times
            return new WarmUpRequests(bodies, "synthetic requests", null);
        } catch (SyntheticRequests.Unsupported e) {
            return new WarmUpRequests(List.of(), "synthetic requests", e.getMessage()
                    + "; give it warmup.examples in server.yml");
        } catch (HttpError e) {
            return new WarmUpRequests(List.of(), "synthetic requests", "a synthetic request does not fit it ("
                    + e.getMessage() + "); give it warmup.examples in server.yml");
        }
    }

    /** The bodies of one example: one inline, one or several in a file. */
    private static List<byte[]> read(PipelineApi api, Example example, Path projectDir) {
        String what = "warm-up example of pipeline '" + api.name + "'";
        JsonNode root;
        if (example.json() != null) {
            root = parse(example.json(), example, what);
        } else {
            Path file = projectDir.resolve(example.file()).normalize();
            what = "warm-up example file '" + example.file() + "' of pipeline '" + api.name + "'";
            String text;
            try {
                text = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw new ConfigException(example.location(), what + " does not exist (looked for " + file + ")",
                        "Paths are relative to the project directory; an inline body starts with '{'.");
            } catch (IOException e) {
                throw new ConfigException(example.location(), what + " cannot be read: " + e, "");
            }
            root = parse(text, example, what);
        }
        List<byte[]> bodies = new ArrayList<>();
        if (root.isArray() && example.file() != null) {
            for (int i = 0; i < root.size(); i++) {
                bodies.add(check(api, root.get(i), example, what + ", body [" + i + "]"));
            }
        } else {
            bodies.add(check(api, root, example, what));
        }
        return bodies;
    }

    private static JsonNode parse(String text, Example example, String what) {
        try {
            JsonNode root = Json.MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new ConfigException(example.location(), what + " is empty", "Write a request body such as "
                        + "{\"inputs\": {...}}.");
            }
            return root;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ConfigException(example.location(), what + " is not valid JSON: line "
                    + (at == null ? 0 : at.getLineNr()) + ", column " + (at == null ? 0 : at.getColumnNr()) + ": "
                    + e.getOriginalMessage(), "");
        }
    }

    /** The body's bytes, once the pipeline's request binding accepts it. */
    private static byte[] check(PipelineApi api, JsonNode body, Example example, String what) {
        if (!body.isObject()) {
            throw new ConfigException(example.location(), what + " must be a JSON object (a run request body), got "
                    + Json.show(body), example.file() != null
                    ? "A file holds one body, or a JSON array of bodies." : "");
        }
        byte[] bytes = Json.bytes(body);
        try {
            api.parse(bytes);
        } catch (HttpError e) {
            throw new ConfigException(example.location(), what + " does not fit the pipeline: " + e.getMessage(),
                    "A body is what a client POSTs to " + api.runPath() + "; GET /pipelines/" + api.name
                            + " shows its inputs.");
        }
        return bytes;
    }
}
