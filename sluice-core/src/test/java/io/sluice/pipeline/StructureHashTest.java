package io.sluice.pipeline;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Pipeline#structureHash()}: the same for the same structure everywhere, different for another. */
class StructureHashTest {

    private static Node clean() {
        return node(Funcs::id).inputs("raw").outputs("clean").name("clean").tags("etl", "daily");
    }

    private static Node join() {
        return node(Funcs::concat).inputs("clean", "lookup").outputs("joined").name("join");
    }

    private static Node report() {
        return node(Funcs::id).inputs("joined").outputs("report").name("report").namespace("out");
    }

    private static Pipeline base() {
        return Pipeline.of(clean(), join(), report());
    }

    @Test
    void theHashIsSha256InHex() {
        assertThat(base().structureHash()).matches("[0-9a-f]{64}");
    }

    @ParameterizedTest(name = "shuffle seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void theSameNodesGivenInAnyOrderHashTheSame(long seed) {
        Pipeline original = RandomPipelines.build(42, 200);
        List<Node> shuffled = new ArrayList<>(original.nodes());
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(Pipeline.of(shuffled).structureHash()).isEqualTo(original.structureHash());
    }

    @Test
    void nodeHashesNameTheNodesWhoseStructureDiffers() {
        Pipeline rewired = Pipeline.of(clean(), node(Funcs::concat).inputs("clean", "other").outputs("joined")
                .name("join"), report());

        Map<String, String> before = base().nodeHashes();
        Map<String, String> after = rewired.nodeHashes();

        assertThat(before).containsOnlyKeys("clean", "join", "out.report");
        assertThat(before.values()).allMatch(h -> h.matches("[0-9a-f]{16}"));
        assertThat(after.get("clean")).isEqualTo(before.get("clean"));
        assertThat(after.get("out.report")).isEqualTo(before.get("out.report"));
        assertThat(after.get("join")).isNotEqualTo(before.get("join"));
        assertThat(rewired.structureHash()).isNotEqualTo(base().structureHash());
        assertThat(Pipeline.of(report(), clean(), join()).nodeHashes()).isEqualTo(before);
    }

    @Test
    void equalPipelinesBuiltTwiceInOneJvmHashTheSame() {
        assertThat(RandomPipelines.build(7, 300).structureHash()).isEqualTo(RandomPipelines.build(7, 300).structureHash());
        assertThat(base().structureHash()).isEqualTo(Pipeline.of(report(), clean(), join()).structureHash());
    }

    @Test
    void theHashIsTheSameInAnotherJvm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                StructureHashMain.class.getName(), "42", "200")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        // generous: a guard against a hung child on a busy machine, not a timing assertion
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).trim()).isEqualTo(RandomPipelines.build(42, 200).structureHash());
    }

    @Test
    void tagsInAnotherOrderHashTheSame() {
        Pipeline tagsSwapped = Pipeline.of(
                node(Funcs::id).inputs("raw").outputs("clean").name("clean").tags("daily", "etl"), join(), report());

        assertThat(tagsSwapped.structureHash()).isEqualTo(base().structureHash());
    }

    @Test
    void everyChangeOfStructureChangesTheHash() {
        Map<String, Pipeline> variants = new LinkedHashMap<>();
        variants.put("base", base());
        variants.put("renamed", Pipeline.of(clean().name("cleanse"), join(), report()));
        variants.put("rewired input", Pipeline.of(clean(), join().inputs("clean", "lookup_v2"), report()));
        variants.put("inputs swapped", Pipeline.of(clean(),
                node(Funcs::concat).inputs("lookup", "clean").outputs("joined").name("join"), report()));
        variants.put("rewired output", Pipeline.of(clean(), join(),
                node(Funcs::id).inputs("joined").outputs("summary").name("report").namespace("out")));
        variants.put("retagged", Pipeline.of(clean().tags("weekly"), join(), report()));
        variants.put("untagged", Pipeline.of(node(Funcs::id).inputs("raw").outputs("clean").name("clean"), join(),
                report()));
        variants.put("other function", Pipeline.of(
                node((String x) -> x).inputs("raw").outputs("clean").name("clean").tags("etl", "daily"), join(),
                report()));
        variants.put("other namespace", Pipeline.of(clean(), join(),
                node(Funcs::id).inputs("joined").outputs("report").name("report").namespace("reports")));
        variants.put("node added", Pipeline.of(clean(), join(), report(),
                node(Funcs::id).inputs("report").outputs("archive").name("archive")));
        variants.put("node removed", Pipeline.of(clean(), join()));

        Map<String, String> hashes = new LinkedHashMap<>();
        variants.forEach((name, p) -> hashes.put(name, p.structureHash()));

        assertThat(hashes.values()).as("%s", hashes).doesNotHaveDuplicates();
    }

    @Test
    void aSelectionHashesOnlyTheNodesItKeeps() {
        Pipeline selected = base().filter(PipelineFilter.NONE.withToNodes(java.util.Set.of("join")));

        assertThat(selected.structureHash()).isEqualTo(Pipeline.of(clean(), join()).structureHash())
                .isNotEqualTo(base().structureHash());
    }
}
