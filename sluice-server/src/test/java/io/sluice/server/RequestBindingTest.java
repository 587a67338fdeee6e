package io.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request bodies are bound in one streaming pass when they are well formed, and through a JSON
 * tree otherwise (which names what is wrong). The two must accept exactly the same bodies and
 * bind the same values: checked on hand-written bodies and on seeded random mutations of them.
 */
class RequestBindingTest {
    @TempDir
    static Path dir;
    static Session session;
    static PipelineApi scoring;
    static PipelineApi echo;

    private static final List<String> SCORING = List.of(
            "",
            "   ",
            "{}",
            "null",
            "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 2, \"capacity\": 1.5, \"since\": \"2020-01-02\"}]}}",
            "{\"inputs\": {\"shuttles\": []}, \"params\": {\"model\": {\"factor\": 3}}, \"outputs\": [\"scores\"]}",
            "{\"inputs\": {\"shuttles\": []}, \"params\": {\"model.factor\": 0.5}}",
            "{\"inputs\": {\"shuttles\": []}, \"params\": null, \"outputs\": null}",
            "{\"inputs\": null}",
            "{\"inputs\": {\"shuttles\": null}}",
            "{\"inputs\": {\"shuttles\": []}, \"inputs\": {\"shuttles\": [{\"id\": \"b\", \"engines\": 1, "
                    + "\"capacity\": 2, \"since\": \"2021-03-04\"}]}}",
            "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": \"2\", \"capacity\": 1.5, \"since\": \"2020-01-02\"}]}}",
            "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 2.5, \"capacity\": 1.5, \"since\": \"2020-01-02\"}]}}",
            "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 2, \"capacity\": 1.5}]}}",
            "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 2, \"capacity\": 1.5, \"since\": \"2020-01-02\", "
                    + "\"extra\": 1}]}}",
            "{\"inputs\": {\"shuttle\": []}}",
            "{\"inputs\": {\"params:model.factor\": 2}}",
            "{\"inputs\": {\"shuttles\": []}, \"params\": {\"model\": {\"nope\": 1}}}",
            "{\"inputs\": {\"shuttles\": []}, \"outputs\": [\"summary\", 3]}",
            "{\"inputs\": {\"shuttles\": []}, \"outputs\": [\"nothing\"]}",
            "{\"inputs\": {\"shuttles\": []}, \"outputs\": \"summary\"}",
            "{\"inputs\": {\"shuttles\": []}, \"extra\": 1}",
            "{\"inputs\": {\"shuttles\": []}} {}",
            "{\"inputs\": {\"shuttles\": []}}]",
            "[1]",
            "{\"inputs\": [], \"params\": []}",
            "{\"outputs\": [\"scores\"]}",
            "{\"inputs\": {\"scores\": [{\"id\": \"x\", \"value\": 2.0}]}, \"outputs\": [\"summary\"]}",
            "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 2, \"capacity\": -1e309, "
                    + "\"since\": \"2020-01-02\"}]}}",
            "{\"inputs\": {\"shuttles\": []}, \"params\": {\"model.factor\": 1e999}}",
            "{\"inputs\": {\"shuttles\": [], \"shuttles\": []}}",
            "{\"inputs\": {\"shuttles\": [{\"id\": \"a\", \"engines\": 2, \"engines\": 3, \"capacity\": 1.5, "
                    + "\"since\": \"2020-01-02\"}]}}",
            "{\"inputs\": {\"shuttles\": []}, \"params\": {\"model\": {\"factor\": 3}, \"model\": {\"factor\": 4}}}",
            "{\"inputs\": {\"shuttles\": []}, \"outputs\": [\"scores\"], \"outputs\": [\"summary\"]}");

    private static final List<String> ECHO = List.of(
            "{\"inputs\": {\"x\": 1, \"id\": \"a\"}}",
            "{\"inputs\": {\"x\": 1, \"id\": \"a\"}, \"outputs\": [\"tagged\", \"y\"]}",
            "{\"inputs\": {\"x\": 9223372036854775808, \"id\": \"a\"}}",
            "{\"inputs\": {\"x\": 1.0, \"id\": \"a\"}}",
            "{\"inputs\": {\"x\": true, \"id\": 5}}",
            "{\"inputs\": {\"y\": 4, \"id\": \"b\"}, \"outputs\": [\"tagged\"]}",
            "{\"inputs\": {\"id\": \"a\"}}",
            "{\"inputs\": {\"x\": 1, \"id\": \"a\", \"x\": 1}}");

    private static final List<String> SCALARS = List.of(
            "{\"inputs\": {\"a\": 1, \"b\": 1.5, \"c\": true, \"d\": -7, \"e\": 2.5e3, \"f\": false, \"g\": 3, "
                    + "\"h\": \"x\"}}",
            "{\"inputs\": {\"a\": 9223372036854775807, \"b\": 1, \"c\": false, \"d\": 0, \"e\": 0, \"f\": true, "
                    + "\"g\": -2147483648, \"h\": \"\"}}",
            "{\"inputs\": {\"a\": 9223372036854775808, \"b\": 1, \"c\": false, \"d\": 0, \"e\": 0, \"f\": true, "
                    + "\"g\": 1, \"h\": \"\"}}",
            "{\"inputs\": {\"a\": 1, \"b\": 1, \"c\": false, \"d\": 0, \"e\": 0, \"f\": true, \"g\": 2147483648, "
                    + "\"h\": \"\"}}",
            "{\"inputs\": {\"a\": 1.0, \"b\": \"1\", \"c\": 1, \"d\": \"0\", \"e\": true, \"f\": \"true\", "
                    + "\"g\": 1.5, \"h\": 5}}",
            "{\"inputs\": {\"a\": 1, \"b\": 1e400, \"c\": false, \"d\": 0, \"e\": -0.0, \"f\": true, \"g\": 1, "
                    + "\"h\": \"\\u00e9\\n\"}}",
            "{\"inputs\": {\"a\": 1, \"b\": 1.7976931348623157E308, \"c\": false, \"d\": 0, \"e\": -1e309, "
                    + "\"f\": true, \"g\": 1, \"h\": \"\"}}");

    static String scalars(long a, double b, boolean c, Long d, Double e, Boolean f, Integer g, String h) {
        return a + " " + b + " " + c + " " + d + " " + e + " " + f + " " + g + " " + h;
    }

    static PipelineApi scalars;

    @BeforeAll
    static void compile() {
        TestServer.write(dir, Map.of("conf/base/parameters.yml", "model:\n  factor: 2.0\n"));
        Map<String, io.sluice.pipeline.Pipeline> pipelines = new java.util.HashMap<>(Nodes.pipelines());
        pipelines.put("scalars", io.sluice.pipeline.Pipeline.of(io.sluice.pipeline.Node.node(RequestBindingTest::scalars)
                .inputs("a", "b", "c", "d", "e", "f", "g", "h").outputs("joined").name("scalars")));
        session = Session.compile(new TestServer.TestProject(pipelines), new SessionOptions(dir, "local", Map.of()));
        scoring = api("scoring");
        echo = api("echo");
        scalars = api("scalars");
    }

    @AfterAll
    static void close() {
        session.close();
    }

    private static PipelineApi api(String name) {
        return new PipelineApi(session.describe(name), session.pipeline(name),
                new IoThreadBudget(name, Duration.ofMillis(1), 2), java.util.List.of(), java.util.List.of("model"),
                new RunMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), name));
    }

    /** What binding gives: the bound request, or the HTTP status and message of the refusal. */
    private static Object outcome(PipelineApi api, byte[] body, boolean streaming) {
        try {
            return streaming ? api.parse(body) : api.parseTree(body);
        } catch (HttpError e) {
            return e.status + " " + e.getMessage();
        }
    }

    /** Every hand-written body, with the pipeline it is sent to. */
    static Stream<Arguments> bodies() {
        return Stream.of(
                SCORING.stream().map(b -> Arguments.of("scoring", b)),
                ECHO.stream().map(b -> Arguments.of("echo", b)),
                SCALARS.stream().map(b -> Arguments.of("scalars", b))).flatMap(s -> s);
    }

    private static PipelineApi served(String pipeline) {
        return switch (pipeline) {
            case "scoring" -> scoring;
            case "echo" -> echo;
            default -> scalars;
        };
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("bodies")
    void handWrittenBodiesBindTheSameBothWays(String pipeline, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        assertThat(outcome(served(pipeline), bytes, true)).isEqualTo(outcome(served(pipeline), bytes, false));
    }

    @Test
    void scalarsReadOffTheParserHaveTheDeclaredTypes() {
        Map<String, Object> in = scalars.parse(SCALARS.get(0).getBytes(StandardCharsets.UTF_8)).inputs();

        assertThat(in).containsExactly(Map.entry("a", 1L), Map.entry("b", 1.5), Map.entry("c", true),
                Map.entry("d", -7L), Map.entry("e", 2500.0), Map.entry("f", false), Map.entry("g", 3),
                Map.entry("h", "x"));
    }

    @Test
    void wellFormedBodiesTakeTheStreamingPath() {
        for (String body : List.of(SCORING.get(4), SCORING.get(5), SCORING.get(6), SCORING.get(7), SCORING.get(27))) {
            assertThat(scoring.stream(body.getBytes(StandardCharsets.UTF_8))).as(body).isNotNull();
        }
        for (String body : ECHO.subList(0, 2)) {
            assertThat(echo.stream(body.getBytes(StandardCharsets.UTF_8))).as(body).isNotNull();
        }
        assertThat(echo.stream(ECHO.get(5).getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void wellFormedBodiesBindToTheDeclaredTypes() {
        PipelineApi.Parsed p = scoring.parse(SCORING.get(4).getBytes(StandardCharsets.UTF_8));

        assertThat(p.inputs().get("shuttles")).isEqualTo(List.of(new Nodes.Shuttle("a", 2, 1.5,
                LocalDate.of(2020, 1, 2))));
        assertThat(scoring.parse(SCORING.get(5).getBytes(StandardCharsets.UTF_8)).params())
                .isEqualTo(Map.of("model.factor", 3));
    }

    @Test
    void aRepeatedKeyIsRefusedOnBothPathsAlike() {
        for (String body : SCORING.subList(30, 34)) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThat(scoring.stream(bytes)).as(body).isNull();
            assertThat(outcome(scoring, bytes, true)).as(body).asString().startsWith("400 ").contains("duplicate key");
        }
    }

    @Test
    void aNumberBeyondADoubleIsRefusedOnBothPathsAlike() {
        for (String body : List.of(SCORING.get(28), SCORING.get(29))) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            assertThat(scoring.stream(bytes)).as(body).isNull();
            assertThat(outcome(scoring, bytes, true)).as(body).asString().startsWith("422 ")
                    .contains("expected a number within the range of a double");
        }
        assertThat(outcome(scalars, SCALARS.get(6).getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo("422 inputs.e: expected a number within the range of a double (±1.8E308), got one beyond it");
    }

    @Test
    void seededMutationsOfEveryBodyBindTheSameBothWays() {
        Random random = new Random(20261122L);
        String alphabet = "{}[]\",:0123456789.-eE truefalsn\\xyz";
        int checked = 0;
        List<String> differences = new ArrayList<>();
        for (int round = 0; round < 40; round++) {
            for (List<String> bodies : List.of(SCORING, ECHO, SCALARS)) {
                PipelineApi api = served(bodies == SCORING ? "scoring" : bodies == ECHO ? "echo" : "scalars");
                for (String body : bodies) {
                    StringBuilder b = new StringBuilder(body);
                    int edits = 1 + random.nextInt(3);
                    for (int e = 0; e < edits && b.length() > 0; e++) {
                        int at = random.nextInt(b.length());
                        switch (random.nextInt(3)) {
                            case 0 -> b.deleteCharAt(at);
                            case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                            default -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                        }
                    }
                    byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
                    Object streamed = outcome(api, bytes, true);
                    Object tree = outcome(api, bytes, false);
                    if (!streamed.equals(tree)) {
                        differences.add(b + "\n  streamed: " + streamed + "\n  tree:     " + tree);
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(40 * (SCORING.size() + ECHO.size() + SCALARS.size()));
        assertThat(differences).isEmpty();
    }
}
