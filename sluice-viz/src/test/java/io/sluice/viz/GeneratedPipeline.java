package io.sluice.viz;

import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.FunctionDoc;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.ParamDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A large pipeline document for the viz benchmark: {@code tops} top-level namespaces of
 * {@code subs} nested namespaces, each with {@code chains} parallel chains of {@code length} nodes
 * ({@code 20 * 5 * 5 * 10 = 5,000} nodes by default). Chain steps pass memory datasets; each chain
 * ends in a persisted dataset that the next top-level namespace reads; the first step reads a
 * parameter of its top-level namespace. Built as data: no class is generated.
 */
final class GeneratedPipeline {
    private GeneratedPipeline() {
    }

    static PipelineDocument of(int tops, int subs, int chains, int length) {
        List<NodeDoc> nodes = new ArrayList<>();
        Map<String, DatasetDoc> datasets = new LinkedHashMap<>();
        List<ParamDoc> params = new ArrayList<>();
        FunctionDoc function = new FunctionDoc("com.example.big.Steps#step", "(Ljava/util/List;D)Ljava/util/List;",
                List.of("java.util.List<com.example.big.Row>", "double"), "java.util.List<com.example.big.Row>");
        FunctionDoc next = new FunctionDoc("com.example.big.Steps#next", "(Ljava/util/List;)Ljava/util/List;",
                List.of("java.util.List<com.example.big.Row>"), "java.util.List<com.example.big.Row>");
        for (int c = 0; c < chains; c++) {
            datasets.put("raw_" + c, new DatasetDoc("raw_" + c, DatasetDoc.Role.FREE_INPUT, "java.util.List<Row>",
                    "parquet", "entry", true, false, "data", List.of()));
        }
        for (int t = 0; t < tops; t++) {
            String top = String.format("s%02d", t);
            params.add(new ParamDoc(top + ".alpha", "double"));
            for (int p = 0; p < subs; p++) {
                String ns = top + ".p" + p;
                for (int c = 0; c < chains; c++) {
                    for (int j = 0; j < length; j++) {
                        String out = ns + ".c" + c + "_" + j;
                        boolean last = j == length - 1;
                        List<String> inputs = new ArrayList<>();
                        if (j == 0) {
                            inputs.add(t == 0 ? "raw_" + c
                                    : String.format("s%02d.p%d.c%d_%d", t - 1, (p + c) % subs, c, length - 1));
                            inputs.add("params:" + top + ".alpha");
                        } else {
                            inputs.add(ns + ".c" + c + "_" + (j - 1));
                        }
                        List<String> tags = new ArrayList<>();
                        tags.add("top:" + top);
                        if ((c + j) % 7 == 0) {
                            tags.add("train");
                        }
                        nodes.add(new NodeDoc(ns + ".n" + c + "_" + j, ns, t * length + j, j == 0 ? function : next,
                                inputs, List.of(out), List.of(), tags));
                        boolean consumed = !last || t < tops - 1;
                        datasets.put(out, new DatasetDoc(out, consumed ? DatasetDoc.Role.INTERMEDIATE
                                : DatasetDoc.Role.FREE_OUTPUT, "java.util.List<Row>", last ? "parquet" : "memory",
                                last ? "pattern" : "default", last, false, "data", List.of()));
                    }
                }
            }
        }
        List<NodeDoc> ordered = new ArrayList<>(nodes);
        ordered.sort(java.util.Comparator.comparingInt(NodeDoc::layer).thenComparing(NodeDoc::name));
        List<DatasetDoc> sorted = new ArrayList<>(datasets.values());
        sorted.sort(java.util.Comparator.comparing(DatasetDoc::name));
        return new PipelineDocument(PipelineDocument.SCHEMA_VERSION, "generated", "0".repeat(64), ordered, sorted,
                params, false, List.of());
    }
}
