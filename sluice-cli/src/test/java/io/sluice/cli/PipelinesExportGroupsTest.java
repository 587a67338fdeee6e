package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.sluice.pipeline.doc.GroupsDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice pipelines export --group-by}: the document gets a validated groups section, in
 * the shape of {@code sluice groups --format json}'s grouping; an invalid grouping exports nothing.
 * The project: raw -load-> m1 (memory) -persist-> p2 (json) -finish-> out.
 */
class PipelinesExportGroupsTest {
    @TempDir
    Path project;
    @TempDir
    Path services;

    @BeforeEach
    void writeProject() {
        RunsTestProject.write(project, services);
    }

    private Cli sluice(String... args) {
        return RunsTestProject.sluice(project, services, args);
    }

    @Test
    void theGroupsSectionIsTheGroupingOfSluiceGroupsAndValidates() throws Exception {
        Cli export = sluice("pipelines", "export", "-p", "etl", "--group-by", "memory-components");
        Cli groups = sluice("groups", "-p", "etl", "--by", "memory-components", "--format", "json");

        assertThat(export.exitCode()).as(export.err()).isZero();
        try (InputStream in = PipelineDocument.class.getResourceAsStream(PipelineDocument.SCHEMA_RESOURCE)) {
            assertThat(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in)
                    .validate(export.out(), InputFormat.JSON)).isEmpty();
        }
        GroupsDoc doc = PipelineDocument.fromJson(export.out()).groups();
        assertThat(doc.strategy()).isEqualTo("memory-components");
        assertThat(doc.groups()).extracting(GroupsDoc.Group::nodes)
                .containsExactly(java.util.List.of("load", "persist"), java.util.List.of("finish"));
        assertThat(doc.boundaries()).extracting(GroupsDoc.Boundary::dataset).containsExactly("p2");

        ObjectMapper json = new ObjectMapper();
        JsonNode fromExport = json.readTree(export.out()).get("groups");
        JsonNode fromGroups = json.readTree(groups.out()).get("grouping");
        for (String field : new String[] {"strategy", "groups", "dependencies", "boundary_datasets"}) {
            assertThat(fromExport.get(field)).as(field).isEqualTo(fromGroups.get(field));
        }
    }

    @Test
    void withoutGroupByTheDocumentHasNoGroups() {
        Cli cli = sluice("pipelines", "export", "-p", "etl");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).doesNotContain("\"groups\"");
    }

    @Test
    void anInvalidGroupingIsNotExportedAndTheProblemsAreListed() {
        Cli cli = sluice("pipelines", "export", "-p", "etl", "--group-by", "node");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err()).startsWith("Error: Cannot export pipeline 'etl' grouped by node:")
                .contains("m1")
                .contains("sluice groups -p etl --by node");
    }

    @Test
    void mergeOptionsNeedAStrategy() {
        Cli cli = sluice("pipelines", "export", "-p", "etl", "--target-groups", "2");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("need --group-by STRATEGY");
    }
}
