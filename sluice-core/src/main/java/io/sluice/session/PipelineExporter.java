package io.sluice.session;

import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetResolution;
import io.sluice.pipeline.FunctionRef;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.doc.DatasetDoc;
import io.sluice.pipeline.doc.FunctionDoc;
import io.sluice.pipeline.doc.NodeDoc;
import io.sluice.pipeline.doc.ParamDoc;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.session.PipelineDescription.DatasetInfo;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the {@link PipelineDocument} of a registered pipeline: its nodes from the pipeline, its
 * datasets' types from the {@link PipelineDescription} and their storage from the catalog. The
 * reflection on node functions happens here, in the exporting process, so that readers need no
 * class of the project.
 */
final class PipelineExporter {
    private PipelineExporter() {
    }

    static PipelineDocument export(PipelineDescription description, Pipeline pipeline, DataCatalog catalog) {
        List<NodeDoc> nodes = new ArrayList<>(pipeline.size());
        List<List<Node>> layers = pipeline.layers();
        Set<String> engines = new TreeSet<>();
        for (int layer = 0; layer < layers.size(); layer++) {
            for (Node n : layers.get(layer)) {
                nodes.add(new NodeDoc(n.name(), n.namespace(), layer, function(n), n.inputs(), n.outputs(),
                        n.outputComponents(), List.copyOf(n.tags())));
                for (String input : n.inputs()) {
                    if (InputKind.of(input) == InputKind.ENGINE) {
                        engines.add(input.substring(InputKind.ENGINE_PREFIX.length()));
                    }
                }
            }
        }
        List<DatasetDoc> datasets = new ArrayList<>(description.datasets().size());
        for (DatasetInfo d : description.datasets()) {
            DatasetDoc doc = dataset(d, catalog);
            engines.addAll(doc.engines());
            datasets.add(doc);
        }
        List<ParamDoc> params = description.params().stream()
                .map(p -> new ParamDoc(p.name(), p.type().getTypeName())).toList();
        return new PipelineDocument(PipelineDocument.SCHEMA_VERSION, description.pipeline(),
                description.structureHash(), nodes, datasets, params, description.readsAllParameters(),
                List.copyOf(engines));
    }

    private static FunctionDoc function(Node n) {
        FunctionRef f = n.function();
        List<String> params = new ArrayList<>(n.arity());
        for (Type t : n.parameterTypes()) {
            params.add(t.getTypeName());
        }
        Type ret = n.returnType();
        return new FunctionDoc(f.className() + "#" + f.methodName(), f.descriptor(), params,
                (ret == null ? Object.class : ret).getTypeName());
    }

    private static DatasetDoc dataset(DatasetInfo d, DataCatalog catalog) {
        String resolution;
        boolean versioned = false;
        List<String> engines = List.of();
        try {
            DatasetResolution r = catalog.resolve(d.name());
            resolution = r.kind().name().toLowerCase(Locale.ROOT);
            Dataset<?> ds = catalog.dataset(d.name());
            versioned = ds.isVersioned();
            engines = List.copyOf(new TreeSet<>(catalog.enginesOf(d.name())));
        } catch (RuntimeException e) {
            // the catalog cannot build it (the description logged why): say how it is declared
            resolution = !catalog.isDeclared(d.name()) ? "default"
                    : catalog.entryNames().contains(d.name()) ? "entry" : "pattern";
        }
        return new DatasetDoc(d.name(), DatasetDoc.Role.valueOf(d.role().name()), d.type().getTypeName(),
                d.catalogType(), resolution, d.persistent(), versioned,
                d.artifactKind().name().toLowerCase(Locale.ROOT), engines);
    }
}
