package io.sluice.pipeline.doc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A document with groups loads, every field equal, where none of the project's classes are. */
class GroupedDocumentClassFreeLoadTest {
    private static final String GOLDEN = "/io/sluice/session/pipeline-export-groups.golden.json";

    @Test
    void aGroupedDocumentLoadsWithoutTheProjectsClasses() throws Exception {
        String json;
        try (InputStream in = GroupedDocumentClassFreeLoadTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        PipelineDocument here = PipelineDocument.fromJson(json);
        assertThat(here.groups()).isNotNull();

        try (URLClassLoader isolated = ClassFreeLoadTest.coreAndJacksonOnly()) {
            Class<?> type = isolated.loadClass(PipelineDocument.class.getName());
            Object there = type.getMethod("fromJson", String.class).invoke(null, json);

            assertThat(ClassFreeLoadTest.fields(there)).isEqualTo(ClassFreeLoadTest.fields(here));
            assertThat(type.getMethod("toJson").invoke(there)).isEqualTo(json);
            assertThat(type.getMethod("groups").invoke(there).getClass().getClassLoader()).isSameAs(isolated);
        }
    }
}
