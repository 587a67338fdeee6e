package io.sluice.pipeline.doc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pipeline document loads where none of the exporting project's classes are: in a class loader
 * over sluice-core's classes and Jackson only, whose parent is the platform loader (so not even
 * the test class path is visible). Every field read there equals the field read here, and the
 * document writes back the same bytes.
 */
class ClassFreeLoadTest {
    private static final String GOLDEN = "/io/sluice/session/pipeline-export.golden.json";

    static String golden() throws IOException {
        try (InputStream in = ClassFreeLoadTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** sluice-core's classes and the Jackson jars, nothing else; parent: the platform loader. */
    static URLClassLoader coreAndJacksonOnly() throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(PipelineDocument.class.getProtectionDomain().getCodeSource().getLocation());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jackson-core-") || name.startsWith("jackson-databind-")
                    || name.startsWith("jackson-annotations-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(urls).hasSize(4);
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Every record component, recursively, as maps and lists of plain values: comparable across loaders. */
    static Object fields(Object value) throws Exception {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object o : list) {
                out.add(fields(o));
            }
            return out;
        }
        if (value.getClass().isRecord()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                out.put(c.getName(), fields(c.getAccessor().invoke(value)));
            }
            return out;
        }
        throw new AssertionError("unexpected value in a pipeline document: " + value.getClass());
    }

    @Test
    void theDocumentLoadsWithoutTheProjectsClassesAndEveryFieldIsRead() throws Exception {
        String json = golden();
        PipelineDocument here = PipelineDocument.fromJson(json);

        try (URLClassLoader isolated = coreAndJacksonOnly()) {
            assertThatThrownBy(() -> isolated.loadClass("io.sluice.session.ExportFixture"))
                    .as("the exporting project's classes are not visible")
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> isolated.loadClass("io.sluice.session.ExportFixture$Row"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> type = isolated.loadClass(PipelineDocument.class.getName());
            assertThat(type.getClassLoader()).isSameAs(isolated);

            Object there = type.getMethod("fromJson", String.class).invoke(null, json);

            assertThat(there.getClass().getClassLoader()).isSameAs(isolated);
            assertThat(fields(there)).isEqualTo(fields(here));
            assertThat(type.getMethod("toJson").invoke(there)).isEqualTo(json);
            Method node = type.getMethod("node", String.class);
            Object fit = node.invoke(there, "train.fit");
            assertThat(fields(fit)).isEqualTo(fields(here.node("train.fit")));
        }
    }

    @Test
    void everyFieldOfTheGoldenDocumentHasItsValue() throws Exception {
        PipelineDocument doc = PipelineDocument.fromJson(golden());

        @SuppressWarnings("unchecked")
        Map<String, Object> all = (Map<String, Object>) fields(doc);
        assertThat(all).containsOnlyKeys("schemaVersion", "pipeline", "structureHash", "nodes", "datasets",
                "parameters", "readsAllParameters", "engines", "groups");
        assertThat(doc.groups()).as("an export without --group-by has no groups").isNull();
        assertThat(doc.schemaVersion()).isEqualTo(1);
        assertThat(doc.structureHash()).matches("[0-9a-f]{64}");
        NodeDoc report = doc.node("report");
        assertThat(report.namespace()).isNull();
        assertThat(report.layer()).isEqualTo(2);
        assertThat(report.inputs()).containsExactly("clean_rows", "train.model", "parameters");
        assertThat(report.outputs()).containsExactly("row_count", "reports.summary");
        assertThat(report.outputComponents()).containsExactly("count", "summary");
        assertThat(report.tags()).containsExactly("report");
        assertThat(report.function().className()).isEqualTo("io.sluice.session.ExportFixture");
        assertThat(report.function().methodName()).isEqualTo("report");
        assertThat(report.function().descriptor()).startsWith("(Ljava/util/List;Ljava/util/List;Ljava/util/Map;)");
        assertThat(report.function().returnType()).isEqualTo("io.sluice.session.ExportFixture$Report");
        DatasetDoc model = doc.dataset("train.model");
        assertThat(model).isEqualTo(new DatasetDoc("train.model", DatasetDoc.Role.INTERMEDIATE,
                "java.util.List<java.lang.Double>", "io.sluice.session.ExportFixture$ModelStore", "entry", true, true,
                "model", List.of()));
        assertThat(doc.consumersOf("clean_rows")).extracting(NodeDoc::name).containsExactly("train.fit", "report");
        assertThat(doc.engines()).isEmpty();
    }

    @Test
    void anUnknownFieldOrVersionIsRefusedNamingIt() throws Exception {
        String json = golden();

        assertThatThrownBy(() -> PipelineDocument.fromJson(json.replace("\"layer\"", "\"layers\"")))
                .hasMessageContaining("nodes[0]: unknown field 'layers'").hasMessageContaining("Did you mean 'layer'?");
        assertThatThrownBy(() -> PipelineDocument.fromJson(json.replace("\"schema_version\": 1", "\"schema_version\": 9")))
                .hasMessageContaining("schema_version 9 is not supported");
        assertThatThrownBy(() -> PipelineDocument.fromJson(json.replace("\"versioned\": true", "\"versioned\": 1")))
                .hasMessageContaining("datasets[4].versioned must be true or false");
        assertThatThrownBy(() -> PipelineDocument.fromJson(json.replace("\"name\": \"train.fit\"",
                "\"name\": \"clean\"")))
                .hasMessageContaining("node 'clean' appears twice");
    }
}
