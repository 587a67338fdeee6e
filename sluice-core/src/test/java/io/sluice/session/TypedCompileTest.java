package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.pipeline.Pipeline;
import io.sluice.run.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TypedCompileTest {
    @TempDir
    Path dir;

    record Company(String id, int employees) {
    }

    record Shuttle(String id, double price) {
    }

    static int countIds(List<Integer> ids) {
        return ids.size();
    }

    static int countCompanies(List<Company> companies) {
        return companies.stream().mapToInt(Company::employees).sum();
    }

    static List<Shuttle> shuttles(List<Company> companies) {
        return List.of(new Shuttle("s", 1.0));
    }

    static List<?> anything(List<Company> companies) {
        return companies;
    }

    static int words(Integer text) {
        return text;
    }

    static int length(String text) {
        return text.length();
    }

    private Session session(Pipeline pipeline) {
        TestProject.write(dir, Map.of(
                "conf/base/catalog.yml", "companies:\n  type: csv\n  filepath: data/companies.csv\n"
                        + "notes:\n  type: text\n  filepath: data/notes.txt\n",
                "data/companies.csv", "id,employees\nc1,3\nc2,4\n",
                "data/notes.txt", "hello"));
        return TestProject.session(dir, TestProject.of(pipeline));
    }

    @Test
    void aCsvDatasetCannotFeedAListOfScalars() {
        Pipeline p = Pipeline.of(node(TypedCompileTest::countIds).name("preprocess_companies")
                .inputs("companies").outputs("n"));

        assertThatThrownBy(() -> session(p).run(RunSpec.ofDefault()))
                .isInstanceOf(SluiceException.class)
                .hasMessage("Dataset 'companies' (csv) cannot feed parameter 1 of node 'preprocess_companies'"
                        + " (List<Integer>): a row maps to a record, a POJO (public no-arg constructor and setters or"
                        + " public fields) or a Map<String, ?>, not Integer. Change the parameter type or the dataset.");
    }

    @Test
    void aTextDatasetCannotFeedANumber() {
        Pipeline p = Pipeline.of(node(TypedCompileTest::words).name("words").inputs("notes").outputs("n"));

        assertThatThrownBy(() -> session(p).run(RunSpec.ofDefault()))
                .hasMessage("Dataset 'notes' (text) cannot feed parameter 1 of node 'words' (Integer): it loads the"
                        + " file as one String. Change the parameter type or the dataset.");
    }

    @Test
    void matchingTypesCompileAndRun() {
        Pipeline p = Pipeline.of(
                node(TypedCompileTest::countCompanies).name("count").inputs("companies").outputs("n"),
                node(TypedCompileTest::length).name("length").inputs("notes").outputs("chars"));

        assertThat(session(p).run(RunSpec.ofDefault()).outputs()).containsEntry("n", 7).containsEntry("chars", 5);
    }

    @Test
    void aMemoryDatasetWhoseProducerReturnsAnotherTypeIsRefused() {
        Pipeline p = Pipeline.of(
                node(TypedCompileTest::shuttles).name("make_shuttles").inputs("companies").outputs("shuttles"),
                node(TypedCompileTest::countCompanies).name("count").inputs("shuttles").outputs("n"));

        assertThatThrownBy(() -> session(p).run(RunSpec.ofDefault()))
                .hasMessage("Node 'make_shuttles' returns List<Shuttle> into 'shuttles', but node 'count' takes it as"
                        + " parameter 1 of type List<Company>. Change one of the two types, or convert between them"
                        + " in a node.");
    }

    @Test
    void wildcardsAndInjectedInputsAreNotRefused() {
        Pipeline p = Pipeline.of(
                node(TypedCompileTest::anything).name("pass").inputs("companies").outputs("rows"),
                node(TypedCompileTest::countCompanies).name("count").inputs("rows").outputs("n"));
        Session session = session(p);

        assertThat(session.run(RunSpec.ofDefault()).outputs()).containsEntry("n", 7);

        Pipeline scalar = Pipeline.of(node(TypedCompileTest::countIds).name("ids").inputs("companies").outputs("n"));
        assertThat(session(scalar).run(RunSpec.ofDefault(), Injected.input("companies", List.of(1, 2))).outputs())
                .containsEntry("n", 2);
    }
}
