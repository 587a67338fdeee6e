package io.sluice.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.Node;
import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.FunctionDoc;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping a pipeline's class-free document gives what grouping the compiled pipeline gives. */
class GrouperDocumentTest {

    /** {@link Shop} as {@code sluice pipelines export} writes it: nodes in execution order, persisted datasets. */
    static PipelineDocument shopDocument() {
        FunctionDoc f = new FunctionDoc("io.sluice.group.Shop#one", "(Ljava/lang/Object;)Ljava/lang/Object;",
                List.of("java.lang.Object"), "java.lang.Object");
        List<NodeDoc> nodes = new ArrayList<>();
        List<DatasetDoc> datasets = new ArrayList<>();
        int layer = 0;
        for (Node n : Shop.pipeline().nodes()) {
            nodes.add(new NodeDoc(n.name(), n.namespace(), layer++, f, n.inputs(), n.outputs(), List.of(),
                    List.copyOf(n.tags())));
            for (String out : n.outputs()) {
                boolean persisted = Shop.PERSISTED.contains(out);
                datasets.add(new DatasetDoc(out, DatasetDoc.Role.INTERMEDIATE, "java.lang.Object",
                        persisted ? "json" : "memory", persisted ? "entry" : "default", persisted, false, "data",
                        List.of()));
            }
        }
        datasets.add(new DatasetDoc("raw", DatasetDoc.Role.FREE_INPUT, "java.lang.Object", "json", "entry", true,
                false, "data", List.of()));
        return new PipelineDocument(PipelineDocument.SCHEMA_VERSION, "shop", "0".repeat(64), nodes, datasets,
                List.of(), false, List.of());
    }

    @Test
    void everyStrategyGroupsTheDocumentAsItGroupsThePipeline() {
        Grouper fromDocument = Grouper.of(shopDocument());
        Grouper fromPipeline = Shop.grouper();
        List<GroupStrategy> strategies = new ArrayList<>();
        for (String name : List.of("node", "namespace", "tag", "memory-components", "persistence-cuts", "branch")) {
            strategies.add(GroupStrategy.named(name, "group:", "rest").orElseThrow());
        }
        strategies.add(new GroupStrategy.Merged(new GroupStrategy.MemoryComponents(), 2, 0, "cost:"));
        strategies.add(new GroupStrategy.Merged(new GroupStrategy.PerNode(), 0, 3, null));
        for (GroupStrategy s : strategies) {
            Grouping fromDoc = fromDocument.group(s);
            assertThat(fromDoc.toJson()).as(s.describe()).isEqualTo(fromPipeline.group(s).toJson());
            assertThat(Grouper.check(fromDoc, Map.of()).toJson()).as(s.describe())
                    .isEqualTo(Grouper.check(fromPipeline.group(s), Map.of()).toJson());
        }
        assertThat(fromDocument.group(new GroupStrategy.MemoryComponents()).pipeline()).isEqualTo("shop");
    }

    @Test
    void memoryDatasetsOfTheDocumentMayNotCrossGroups() {
        GroupCheck check = Grouper.check(Grouper.of(shopDocument()).group(new GroupStrategy.PerNode()), Map.of());
        assertThat(check.problems()).filteredOn(p -> p instanceof GroupProblem.MemoryCrossing)
                .extracting(p -> ((GroupProblem.MemoryCrossing) p).dataset())
                .containsExactlyInAnyOrder("data.raw_table", "data.features", "ds.metrics");
    }
}
