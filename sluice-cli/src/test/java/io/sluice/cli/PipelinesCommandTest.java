package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice pipelines list|export} over {@link RunsTestProject}. */
class PipelinesCommandTest {
    @TempDir
    Path project;
    @TempDir
    Path services;
    @TempDir
    Path elsewhere;

    @BeforeEach
    void writeProject() {
        RunsTestProject.write(project, services);
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    private static Schema schema() throws Exception {
        try (InputStream in = PipelineDocument.class.getResourceAsStream(PipelineDocument.SCHEMA_RESOURCE)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    @Test
    void listShowsEachPipelineWithItsNodeCount() {
        Cli cli = sluice("pipelines", "list");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out().strip().split("\\R")).containsExactly("__default__    3 nodes", "etl            3 nodes");
    }

    @Test
    void exportPrintsTheDocumentOfThePipelineValidAgainstTheSchema() throws Exception {
        Cli cli = sluice("pipelines", "export", "--pipeline", "etl");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(schema().validate(cli.out(), InputFormat.JSON)).as(cli.out()).isEmpty();
        PipelineDocument doc = PipelineDocument.fromJson(cli.out());
        assertThat(doc.pipeline()).isEqualTo("etl");
        assertThat(doc.nodes()).extracting(NodeDoc::name).containsExactly("load", "persist", "finish");
        assertThat(doc.node("finish").function().ref()).isEqualTo(RunsTestProject.class.getName() + "#finish");
        assertThat(doc.node("finish").function().parameterTypes()).containsExactly("int", "int");
        assertThat(doc.datasets()).extracting(DatasetDoc::name).containsExactly("m1", "out", "p2", "raw");
        assertThat(doc.dataset("m1").persisted()).isFalse();
        assertThat(doc.dataset("p2").persisted()).isTrue();
        assertThat(doc.dataset("p2").catalogType()).isEqualTo("json");
        assertThat(doc.parameters()).extracting(p -> p.name()).containsExactly("factor");
    }

    @Test
    void exportWithoutAPipelineExportsTheDefaultOne() {
        Cli cli = sluice("pipelines", "export");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(PipelineDocument.fromJson(cli.out()).pipeline()).isEqualTo("__default__");
    }

    @Test
    void exportToAFileWritesTheSameBytesAsStandardOutput() throws Exception {
        Path file = elsewhere.resolve("deploy/etl.json");

        Cli cli = sluice("pipelines", "export", "-p", "etl", "--format", "json", "--output", file.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).contains("Exported pipeline 'etl' to " + file);
        assertThat(Files.readAllBytes(file)).isEqualTo(sluice("pipelines", "export", "-p", "etl").out()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void anUnknownPipelineOrFormatIsAnErrorNamingWhatExists() {
        Cli unknown = sluice("pipelines", "export", "-p", "etll");
        Cli format = sluice("pipelines", "export", "--format", "yaml");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("Pipeline 'etll' is not registered", "__default__, etl");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format", "json");
    }
}
