package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.io.ArtifactKind;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunContext;
import io.sluice.session.PipelineDescription.DatasetInfo;
import io.sluice.session.PipelineDescription.Input;
import io.sluice.session.PipelineDescription.Output;
import io.sluice.session.PipelineDescription.Param;
import io.sluice.session.PipelineDescription.Role;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineDescriptionTest {
    @TempDir
    Path dir;

    record Row(String id, double value) {
    }

    record Split(List<Row> train, double ratio) {
    }

    /** A persistent dataset that says it holds a model. */
    public static final class FakeModel implements Dataset<Object> {
        public FakeModel(DatasetConfig config) {
        }

        @Override
        public Object load() {
            return "model";
        }

        @Override
        public void save(Object data) {
        }

        @Override
        public boolean exists() {
            return true;
        }

        @Override
        public Map<String, Object> describe() {
            return Map.of("type", FakeModel.class.getName());
        }

        @Override
        public ArtifactKind artifactKind() {
            return ArtifactKind.MODEL;
        }
    }

    static Map<String, Integer> count(List<String> words) {
        Map<String, Integer> out = new TreeMap<>();
        words.forEach(w -> out.merge(w, 1, Integer::sum));
        return out;
    }

    static Split split(List<Row> rows, double ratio) {
        return new Split(rows, ratio);
    }

    static Map<String, List<Integer>> buckets(List<Row> rows) {
        return Map.of("low", List.of(1), "high", List.of(2));
    }

    static List<Long> pair(Map<String, Object> parameters) {
        return List.of(1L, 2L);
    }

    static String[] names(RunContext context) {
        return new String[] {"a", "b"};
    }

    static ArrayList<String> tokens(String text) {
        return new ArrayList<>(List.of(text.split(" ")));
    }

    static int length(List<String> tokens) {
        return tokens.size();
    }

    static int firstLength(Object tokens) {
        return 1;
    }

    static String score(Object model, List<Row> rows) {
        return "scored";
    }

    static Type typeOf(String name) throws NoSuchMethodException {
        return switch (name) {
            case "List<String>" -> PipelineDescriptionTest.class.getDeclaredMethod("count", List.class)
                    .getGenericParameterTypes()[0];
            case "List<Row>" -> PipelineDescriptionTest.class.getDeclaredMethod("buckets", List.class)
                    .getGenericParameterTypes()[0];
            case "Map<String, Integer>" -> PipelineDescriptionTest.class.getDeclaredMethod("count", List.class)
                    .getGenericReturnType();
            case "List<Integer>" -> ((java.lang.reflect.ParameterizedType) PipelineDescriptionTest.class
                    .getDeclaredMethod("buckets", List.class).getGenericReturnType()).getActualTypeArguments()[1];
            default -> throw new IllegalArgumentException(name);
        };
    }

    private Session session(Map<String, Pipeline> pipelines, String catalog) {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", catalog,
                "conf/base/parameters.yml", "model:\n  ratio: 0.8\n"));
        return TestProject.session(dir, new TestProject(pipelines, List.of()));
    }

    private Session session(Pipeline pipeline, String catalog) {
        return session(Map.of("p", pipeline), catalog);
    }

    private static Map<String, Type> outputTypes(PipelineDescription d) {
        Map<String, Type> out = new LinkedHashMap<>();
        for (Output o : d.outputs()) {
            out.put(o.name(), o.type());
        }
        return out;
    }

    @Test
    void aSingleOutputHasTheGenericReturnTypeOfItsFunction() throws Exception {
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::count).inputs("words")
                .outputs("counts")), "{}").describe("p");

        assertThat(outputTypes(d)).containsExactly(Map.entry("counts", typeOf("Map<String, Integer>")));
        assertThat(d.inputs()).extracting(Input::type).containsExactly(typeOf("List<String>"));
    }

    @Test
    void outputsNamedAfterRecordComponentsHaveTheComponentTypes() throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("train", "train_rows");
        parts.put("ratio", "used_ratio");
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::split)
                .inputs("rows", "params:model.ratio").outputs(parts)), "{}").describe("p");

        assertThat(outputTypes(d)).containsExactly(Map.entry("train_rows", typeOf("List<Row>")),
                Map.entry("used_ratio", double.class));
    }

    @Test
    void outputsNamedAfterMapKeysHaveTheMapsValueType() throws Exception {
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::buckets).inputs("rows")
                .outputs(Map.of("low", "low_ids", "high", "high_ids"))), "{}").describe("p");

        assertThat(outputTypes(d)).containsOnly(Map.entry("low_ids", typeOf("List<Integer>")),
                Map.entry("high_ids", typeOf("List<Integer>")));
    }

    @Test
    void positionalOutputsHaveTheElementTypeOfTheReturnedListOrArray() {
        PipelineDescription d = session(Pipeline.of(
                node(PipelineDescriptionTest::pair).inputs("parameters").outputs("first", "second"),
                node(PipelineDescriptionTest::names).inputs("run:context").outputs("name_a", "name_b")), "{}")
                .describe("p");

        assertThat(outputTypes(d)).containsExactly(Map.entry("first", Long.class), Map.entry("name_a", String.class),
                Map.entry("name_b", String.class), Map.entry("second", Long.class));
    }

    @Test
    void aConsumedDatasetHasTheParameterTypeOfItsFirstConsumerNotItsProducersReturnType() throws Exception {
        PipelineDescription d = session(Pipeline.of(
                node(PipelineDescriptionTest::tokens).inputs("text").outputs("tokens").name("tokenize"),
                node(PipelineDescriptionTest::length).inputs("tokens").outputs("n").name("a_length"),
                node(PipelineDescriptionTest::firstLength).inputs("tokens").outputs("m").name("b_length")), "{}")
                .describe("p");

        DatasetInfo tokens = d.dataset("tokens");
        assertThat(tokens.role()).isEqualTo(Role.INTERMEDIATE);
        assertThat(tokens.type()).isEqualTo(typeOf("List<String>"));
        assertThat(d.dataset("text").type()).isEqualTo(String.class);
    }

    @Test
    void inputsTheCatalogDeclaresAreNotRequiredAndSayHowTheyAreStored() {
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::score).inputs("model", "rows")
                .outputs("scores")), "model:\n  type: " + FakeModel.class.getName() + "\n").describe("p");

        assertThat(d.inputs()).containsExactly(
                new Input("model", Object.class, false, FakeModel.class.getName(), true),
                new Input("rows", d.dataset("rows").type(), true, "memory", false));
        assertThat(d.dataset("model").artifactKind()).isEqualTo(ArtifactKind.MODEL);
        assertThat(d.dataset("rows").artifactKind()).isEqualTo(ArtifactKind.DATA);
    }

    @Test
    void anInputMatchedByAFactoryPatternIsDeclared() {
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::count).inputs("raw_words")
                .outputs("counts")), "\"raw_{name}\":\n  type: json\n  filepath: data/{name}.json\n").describe("p");

        assertThat(d.inputs()).singleElement().satisfies(i -> {
            assertThat(i.required()).isFalse();
            assertThat(i.catalogType()).isEqualTo("json");
            assertThat(i.persistent()).isTrue();
        });
    }

    @Test
    void paramsAreNamedWithoutTheirPrefixAndTypedByTheirConsumer() {
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::split)
                .inputs("rows", "params:model.ratio").outputs("split")), "{}").describe("p");

        assertThat(d.params()).containsExactly(new Param("model.ratio", double.class));
        assertThat(d.readsAllParameters()).isFalse();
        assertThat(d.inputs()).extracting(Input::name).containsExactly("rows");
    }

    @Test
    void readingTheWholeParameterTreeIsSaidAndIsNoInput() {
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::pair).inputs("parameters")
                .outputs("first", "second")), "{}").describe("p");

        assertThat(d.readsAllParameters()).isTrue();
        assertThat(d.params()).isEmpty();
        assertThat(d.inputs()).isEmpty();
    }

    @Test
    void persistedOutputsAreNotReturnedByDefault() {
        PipelineDescription d = session(Pipeline.of(node(PipelineDescriptionTest::buckets).inputs("rows")
                        .outputs(Map.of("low", "low_ids", "high", "high_ids"))),
                "low_ids:\n  type: json\n  filepath: data/low.json\n").describe("p");

        assertThat(d.outputs()).extracting(Output::name, Output::persistent, Output::returnedByDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("high_ids", false, true),
                        org.assertj.core.groups.Tuple.tuple("low_ids", true, false));
    }

    @Test
    void everyDatasetIsListedWithItsRoleSortedByName() {
        PipelineDescription d = session(Pipeline.of(
                node(PipelineDescriptionTest::tokens).inputs("text").outputs("tokens"),
                node(PipelineDescriptionTest::length).inputs("tokens").outputs("n")),
                "tokens:\n  type: json\n  filepath: data/tokens.json\n").describe("p");

        assertThat(d.datasets()).extracting(DatasetInfo::name, DatasetInfo::role, DatasetInfo::catalogType,
                DatasetInfo::persistent).containsExactly(
                org.assertj.core.groups.Tuple.tuple("n", Role.FREE_OUTPUT, "memory", false),
                org.assertj.core.groups.Tuple.tuple("text", Role.FREE_INPUT, "memory", false),
                org.assertj.core.groups.Tuple.tuple("tokens", Role.INTERMEDIATE, "json", true));
    }

    @Test
    void carriesThePipelinesStructureHashAndIsComputedOnce() {
        Pipeline p = Pipeline.of(node(PipelineDescriptionTest::count).inputs("words").outputs("counts"));
        Session session = session(p, "{}");

        PipelineDescription d = session.describe("p");

        assertThat(d.pipeline()).isEqualTo("p");
        assertThat(d.structureHash()).isEqualTo(p.structureHash());
        assertThat(session.describe("p")).isSameAs(d);
        assertThatThrownBy(() -> d.inputs().add(d.inputs().get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void anUnregisteredPipelineIsRefusedNamingTheRegisteredOnes() {
        Session session = session(Pipeline.of(node(PipelineDescriptionTest::count).inputs("words").outputs("counts")),
                "{}");

        assertThatThrownBy(() -> session.describe("q")).isInstanceOf(SluiceException.class)
                .hasMessageContaining("Pipeline 'q' is not registered").hasMessageContaining("__default__, p");
    }
}
