package io.sluice.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import io.sluice.group.GroupStrategy;
import io.sluice.group.Grouper;
import io.sluice.group.Grouping;
import io.sluice.pipeline.doc.GroupsDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optional {@code groups} section of a pipeline document: golden file, schema, strict reader,
 * loading without the project's classes, and documents without it unchanged.
 */
class PipelineExportGroupsTest {
    private static final boolean UPDATE = Boolean.getBoolean("sluice.updateGolden");
    private static final String GOLDEN = "pipeline-export-groups.golden.json";

    @TempDir
    Path dir;

    /** The fixture, with clean_rows persisted in conf/prod when {@code persisted} (so groups can split). */
    private PipelineDocument grouped(GroupStrategy strategy, boolean persisted) {
        Path project = ExportFixture.write(dir);
        if (persisted) {
            try {
                Files.createDirectories(project.resolve("conf/local"));
                Files.writeString(project.resolve("conf/local/catalog.yml"),
                        "clean_rows:\n  type: json\n  filepath: data/clean_rows.json\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        try (Session session = TestProject.session(project, ExportFixture.project())) {
            Grouping grouping = Grouper.of("companies", session.pipeline("companies"),
                    name -> session.catalog().dataset(name).isPersistent()).group(strategy);
            assertThat(Grouper.check(grouping, java.util.Map.of()).ok()).as(grouping.toString()).isTrue();
            return session.export("companies").withGroups(grouping.toDoc());
        }
    }

    private static String golden() throws IOException {
        try (InputStream in = PipelineExportGroupsTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aGroupedExportEqualsItsGoldenFileAndValidates() throws IOException {
        String json = grouped(new GroupStrategy.PerNode(), true).toJson();
        if (UPDATE) {
            Files.writeString(Path.of("src/test/resources/io/sluice/session", GOLDEN), json);
        }

        assertThat(json).isEqualTo(golden());
        assertThat(PipelineExportTest.schema().validate(json, InputFormat.JSON)).as(json).isEmpty();
        PipelineDocument read = PipelineDocument.fromJson(json);
        assertThat(read.toJson()).isEqualTo(json);
        assertThat(read.groups().groups()).hasSizeGreaterThan(1);
        assertThat(read.groups().boundaries()).isNotEmpty().allMatch(GroupsDoc.Boundary::persisted);
    }

    @Test
    void withoutGroupsTheDocumentIsTheSameBytesAsBefore() throws IOException {
        PipelineDocument doc = grouped(new GroupStrategy.MemoryComponents(), false);

        assertThat(doc.withGroups(null).toJson()).isEqualTo(PipelineExportTest.golden());
        assertThat(doc.toJson()).startsWith(PipelineExportTest.golden().substring(0,
                PipelineExportTest.golden().lastIndexOf("]") + 1)).contains("\"groups\": {");
    }

    @Test
    void theSchemaAndTheReaderRefuseBrokenGroups() throws IOException {
        Schema schema = PipelineExportTest.schema();
        String json = golden();
        List<String> broken = List.of(
                json.replace("\"boundary_datasets\"", "\"boundaries\""),
                json.replace("\"strategy\": ", "\"strategy\": 3, \"x\": "),
                json.replaceFirst("\"persisted\": true\n      }", "\"persisted\": \"yes\"\n      }"));
        for (String b : broken) {
            assertThat(b).isNotEqualTo(json);
            assertThat(schema.validate(b, InputFormat.JSON)).as(b).isNotEmpty();
            assertThatThrownBy(() -> PipelineDocument.fromJson(b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("pipeline document");
        }
    }

    @Test
    void theReaderRefusesGroupsThatDoNotCoverTheNodesOnce() throws IOException {
        PipelineDocument doc = PipelineDocument.fromJson(golden());
        GroupsDoc groups = doc.groups();
        GroupsDoc.Group first = groups.groups().get(0);
        List<GroupsDoc.Group> missingNode = new java.util.ArrayList<>(groups.groups());
        missingNode.set(0, new GroupsDoc.Group(first.id(), first.nodes().subList(1, first.nodes().size())));
        List<GroupsDoc.Group> unknownNode = new java.util.ArrayList<>(groups.groups());
        unknownNode.set(0, new GroupsDoc.Group(first.id(), List.of("nope")));

        assertThatThrownBy(() -> doc.withGroups(new GroupsDoc(groups.strategy(), missingNode,
                groups.dependencies(), groups.boundaries())))
                .hasMessageContaining("is in no group");
        assertThatThrownBy(() -> doc.withGroups(new GroupsDoc(groups.strategy(), unknownNode,
                groups.dependencies(), groups.boundaries())))
                .hasMessageContaining("names node 'nope', which is not a node of the pipeline");
        assertThatThrownBy(() -> new GroupsDoc("s", groups.groups(),
                List.of(new GroupsDoc.Dependency(first.id(), "ghost", List.of())), List.of()))
                .hasMessageContaining("names group 'ghost'");
    }
}
