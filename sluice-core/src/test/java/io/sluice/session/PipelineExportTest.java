package io.sluice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.sluice.SluiceException;
import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Session#export}: the JSON of {@link ExportFixture} equals the golden file, validates
 * against the published schema, reads back to the same bytes, and is byte-identical in another
 * JVM with another locale, default charset and line separator.
 */
class PipelineExportTest {
    /** Set to rewrite the golden file from the current output (then review the diff). */
    private static final boolean UPDATE = Boolean.getBoolean("sluice.updateGolden");
    private static final String GOLDEN = "pipeline-export.golden.json";

    @TempDir
    Path dir;

    static Schema schema() {
        try (InputStream in = PipelineDocument.class.getResourceAsStream(PipelineDocument.SCHEMA_RESOURCE)) {
            assertThat(in).as("pipeline.schema.json beside PipelineDocument").isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String golden() throws IOException {
        try (InputStream in = PipelineExportTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String export() {
        try (Session session = TestProject.session(ExportFixture.write(dir), ExportFixture.project())) {
            return session.export("companies").toJson();
        }
    }

    @Test
    void theExportEqualsTheGoldenFile() throws IOException {
        String json = export();
        if (UPDATE) {
            Files.writeString(Path.of("src/test/resources/io/sluice/session", GOLDEN), json);
        }

        assertThat(json).isEqualTo(golden());
    }

    @Test
    void theExportValidatesAgainstTheSchema() {
        String json = export();

        assertThat(schema().validate(json, InputFormat.JSON)).as(json).isEmpty();
    }

    @Test
    void theSchemaRefusesWhatTheReaderRefuses() {
        Schema schema = schema();
        String json = export();
        List<String> broken = List.of(
                json.replace("\"schema_version\": 1", "\"schema_version\": 2"),
                json.replace("\"role\": \"intermediate\"", "\"role\": \"middle\""),
                json.replace("\"persisted\": false", "\"persisted\": \"no\""),
                json.replace("\"reads_all_parameters\"", "\"reads_all_params\""),
                json.replace("\"ref\": \"io.sluice.session.ExportFixture#clean\"", "\"ref\": \"clean\""));
        for (String b : broken) {
            assertThat(b).isNotEqualTo(json);
            assertThat(schema.validate(b, InputFormat.JSON)).as(b).isNotEmpty();
            assertThatThrownBy(() -> PipelineDocument.fromJson(b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("pipeline document");
        }
    }

    @Test
    void theExportReadsBackToTheSameDocumentAndBytes() {
        try (Session session = TestProject.session(ExportFixture.write(dir), ExportFixture.project())) {
            PipelineDocument doc = session.export("companies");

            PipelineDocument read = PipelineDocument.fromJson(doc.toJson());

            assertThat(read).isEqualTo(doc);
            assertThat(read.toJson()).isEqualTo(doc.toJson());
        }
    }

    @Test
    void theDocumentSaysWhatTheCatalogAndTheNodesSay() {
        try (Session session = TestProject.session(ExportFixture.write(dir), ExportFixture.project())) {
            PipelineDocument doc = session.export("companies");

            assertThat(doc.pipeline()).isEqualTo("companies");
            assertThat(doc.structureHash()).isEqualTo(session.pipeline("companies").structureHash());
            assertThat(doc.nodes()).extracting(NodeDoc::name).containsExactly("clean", "train.fit", "report");
            assertThat(doc.nodes()).extracting(NodeDoc::layer).containsExactly(0, 1, 2);
            NodeDoc fit = doc.node("train.fit");
            assertThat(fit.namespace()).isEqualTo("train");
            assertThat(fit.tags()).containsExactly("model", "train");
            assertThat(fit.function().ref()).isEqualTo("io.sluice.session.ExportFixture#fit");
            assertThat(fit.function().parameterTypes()).containsExactly(
                    "java.util.List<io.sluice.session.ExportFixture$Row>", "double");
            assertThat(fit.function().returnType()).isEqualTo("java.util.List<java.lang.Double>");
            assertThat(doc.node("report").outputComponents()).containsExactly("count", "summary");

            DatasetDoc model = doc.dataset("train.model");
            assertThat(model.persisted()).isTrue();
            assertThat(model.versioned()).isTrue();
            assertThat(model.artifactKind()).isEqualTo("model");
            assertThat(model.resolution()).isEqualTo("entry");
            DatasetDoc cleanRows = doc.dataset("clean_rows");
            assertThat(cleanRows.persisted()).isFalse();
            assertThat(cleanRows.resolution()).isEqualTo("default");
            assertThat(cleanRows.role()).isEqualTo(DatasetDoc.Role.INTERMEDIATE);
            assertThat(doc.dataset("reports.summary").resolution()).isEqualTo("pattern");
            assertThat(doc.dataset("companies").role()).isEqualTo(DatasetDoc.Role.FREE_INPUT);
            assertThat(doc.parameters()).extracting(p -> p.name() + ":" + p.type())
                    .containsExactly("cleaning.threshold:double", "train.alpha:double");
            assertThat(doc.readsAllParameters()).isTrue();
            assertThat(doc.producerOf("train.model").name()).isEqualTo("train.fit");
            assertThat(doc.dependencies().get("report")).containsExactly("clean", "train.fit");
        }
    }

    @Test
    void anotherJvmWithAnotherLocaleCharsetAndLineSeparatorWritesTheSameBytes() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path other = Files.createDirectory(dir.resolve("other"));
        Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Duser.language=tr",
                "-Duser.country=TR", "-Dfile.encoding=ISO-8859-1", "-Dline.separator=\r\n",
                "-cp", System.getProperty("java.class.path"), ExportFixture.class.getName(), other.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        // generous: a guard against a hung child on a busy machine, not a timing assertion
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();

        assertThat(out.toByteArray()).isEqualTo(export().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void exportingAnUnknownPipelineNamesTheRegisteredOnes() {
        try (Session session = TestProject.session(ExportFixture.write(dir), ExportFixture.project())) {
            assertThatThrownBy(() -> session.export("compnies")).isInstanceOf(SluiceException.class)
                    .hasMessageContaining("Pipeline 'compnies' is not registered")
                    .hasMessageContaining("__default__, companies");
        }
    }
}
