package io.sluice.session;

import io.sluice.io.ArtifactKind;
import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.session.PipelineDescription.DatasetInfo;
import io.sluice.session.PipelineDescription.Input;
import io.sluice.session.PipelineDescription.Output;
import io.sluice.session.PipelineDescription.Param;
import io.sluice.session.PipelineDescription.Role;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a {@link PipelineDescription} from a pipeline's node signatures and the catalog; the
 * rules are documented there. Reflection happens here, once per pipeline, never per run.
 */
final class PipelineDescriber {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineDescriber.class);

    private PipelineDescriber() {
    }

    /** How the catalog stores one dataset; a null type when the catalog cannot build it. */
    private record Stored(String type, boolean persistent, ArtifactKind kind) {
    }

    static PipelineDescription describe(String name, Pipeline pipeline, DataCatalog catalog) {
        List<Input> inputs = new ArrayList<>();
        List<Param> params = new ArrayList<>();
        List<Output> outputs = new ArrayList<>();
        List<DatasetInfo> datasets = new ArrayList<>();
        for (String dataset : pipeline.datasets()) {
            InputKind kind = InputKind.of(dataset);
            if (kind == InputKind.PARAMS) {
                params.add(new Param(dataset.substring(InputKind.PARAMS_PREFIX.length()),
                        consumerType(name, pipeline, dataset)));
            } else if (kind == InputKind.DATASET) {
                boolean consumed = !pipeline.consumersOf(dataset).isEmpty();
                boolean produced = pipeline.producerOf(dataset) != null;
                Type type = consumed ? consumerType(name, pipeline, dataset) : producedType(pipeline, dataset);
                Stored stored = stored(catalog, dataset);
                Role role = !produced ? Role.FREE_INPUT : consumed ? Role.INTERMEDIATE : Role.FREE_OUTPUT;
                datasets.add(new DatasetInfo(dataset, role, type, stored.type, stored.persistent, stored.kind));
                if (role == Role.FREE_INPUT) {
                    inputs.add(new Input(dataset, type, !catalog.isDeclared(dataset), stored.type, stored.persistent));
                } else if (role == Role.FREE_OUTPUT) {
                    outputs.add(new Output(dataset, type, stored.persistent, !stored.persistent));
                }
            }
        }
        return new PipelineDescription(name, pipeline.structureHash(), inputs, params,
                pipeline.inputs().contains(InputKind.ALL_PARAMETERS_NAME), outputs, datasets);
    }

    private static Stored stored(DataCatalog catalog, String dataset) {
        try {
            Dataset<?> ds = catalog.dataset(dataset);
            return new Stored(catalog.resolve(dataset).type(), ds.isPersistent(), catalog.artifactKind(dataset));
        } catch (RuntimeException e) {
            // A factory pattern stamping out a wrong entry, or a dataset class refusing it: every
            // run of the pipeline reports it, naming the entry; a description (and a server
            // listing many pipelines) must not fail for it.
            LOG.warn("Dataset '{}' cannot be built from the catalog: {}", dataset, e.getMessage());
            return new Stored(null, false, ArtifactKind.DATA);
        }
    }

    /** The parameter type of the first consumer of {@code dataset}, in execution order. */
    static Type consumerType(String pipelineName, Pipeline pipeline, String dataset) {
        Type chosen = null;
        for (Node consumer : pipeline.consumersOf(dataset)) {
            Type[] types = consumer.parameterTypes();
            int i = consumer.inputs().indexOf(dataset);
            Type t = i >= 0 && i < types.length ? types[i] : Object.class;
            if (chosen == null) {
                chosen = t;
            } else if (!chosen.equals(t) && !t.equals(Object.class)) {
                LOG.warn("Pipeline '{}': consumers of '{}' declare different types ({} and {}); values are bound "
                        + "to the first, {}", pipelineName, dataset, chosen.getTypeName(), t.getTypeName(),
                        chosen.getTypeName());
            }
        }
        return chosen == null ? Object.class : chosen;
    }

    /** The type the producer of {@code dataset} returns for it; {@code Object} when unknown. */
    static Type producedType(Pipeline pipeline, String dataset) {
        Node producer = pipeline.producerOf(dataset);
        if (producer == null) {
            return Object.class;
        }
        Type ret = producer.returnType();
        if (ret == null) {
            return Object.class;
        }
        if (producer.outputs().size() == 1 && producer.outputComponents().isEmpty()) {
            return ret;
        }
        if (!producer.outputComponents().isEmpty()) {
            return componentType(ret, producer.outputComponents().get(producer.outputs().indexOf(dataset)));
        }
        return elementType(ret);
    }

    /** The type of a named output: a record component's, or a {@code Map}'s values'. */
    private static Type componentType(Type ret, String component) {
        if (ret instanceof Class<?> c && c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (rc.getName().equals(component)) {
                    return rc.getGenericType();
                }
            }
        }
        if (ret instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && Map.class.isAssignableFrom(raw)) {
            return p.getActualTypeArguments()[1];
        }
        return Object.class;
    }

    /** The type of one positional output: the element type of the returned collection or array. */
    private static Type elementType(Type ret) {
        if (ret instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return p.getActualTypeArguments()[0];
        }
        if (ret instanceof GenericArrayType g) {
            return g.getGenericComponentType();
        }
        if (ret instanceof Class<?> c && c.isArray()) {
            return c.getComponentType();
        }
        return Object.class;
    }
}
