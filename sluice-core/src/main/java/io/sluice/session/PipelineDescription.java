package io.sluice.session;

import io.sluice.io.ArtifactKind;
import java.lang.reflect.Type;
import java.util.List;

/**
 * What a registered pipeline takes and gives, as its nodes declare it and the catalog stores it:
 * the one outward view that the server (request binding, JSON Schemas, OpenAPI), exporters and
 * visualisations read, so that none of them computes types of its own. Returned by
 * {@link Session#describe(String)}, which computes it once per pipeline; immutable and safe to
 * share between threads.
 *
 * <p>Types are the generic Java types of the node functions ({@code List<Shuttle>},
 * {@code Map<String, Integer>}…), {@code Object} where the function does not say (lambdas whose
 * method cannot be resolved, an erased return type):
 * <ul>
 *   <li>a dataset that some node consumes has the parameter type of its first consumer in
 *       execution order. When consumers declare different types the first wins and a warning is
 *       logged (consumers declaring {@code Object} do not count); the others receive that value
 *       as it is, as they would from a memory dataset;</li>
 *   <li>a dataset that no node consumes has the type its producer returns for it: the return type
 *       for a single output; the record component's type, or the {@code Map}'s value type, for
 *       named outputs; the element type of a returned {@code List}, {@code Collection} or array
 *       for positional outputs.</li>
 * </ul>
 * Lists are sorted by name, as {@link io.sluice.pipeline.Pipeline#inputs()} and
 * {@link io.sluice.pipeline.Pipeline#outputs()} are.
 *
 * @param pipeline           the registered name
 * @param structureHash      the pipeline's {@link io.sluice.pipeline.Pipeline#structureHash()}
 * @param inputs             the free input datasets (parameters, engines and the run context excluded)
 * @param params             the single parameters the nodes read ({@code params:x})
 * @param readsAllParameters whether a node reads the whole parameter tree ({@code parameters})
 * @param outputs            the free outputs: datasets some node produces and none consumes
 * @param datasets           every dataset of the pipeline, free inputs, intermediate datasets and
 *                           free outputs alike, with how the catalog stores it
 */
public record PipelineDescription(String pipeline, String structureHash, List<Input> inputs, List<Param> params,
                                  boolean readsAllParameters, List<Output> outputs, List<DatasetInfo> datasets) {

    public PipelineDescription {
        inputs = List.copyOf(inputs);
        params = List.copyOf(params);
        outputs = List.copyOf(outputs);
        datasets = List.copyOf(datasets);
    }

    /**
     * A free input dataset.
     *
     * @param name        the dataset name
     * @param type        the parameter type of its first consumer
     * @param required    whether a run must inject it: the catalog does not declare it (no entry,
     *                    no factory pattern), so nothing else can provide its value
     * @param catalogType the catalog's type name ({@code csv}, {@code memory}, a class name…), or
     *                    {@code null} when the catalog cannot build the dataset (a factory pattern
     *                    that stamps out a wrong entry; runs of the pipeline fail with that error)
     * @param persistent  whether the catalog stores it outside memory (files, tables)
     */
    public record Input(String name, Type type, boolean required, String catalogType, boolean persistent) {
    }

    /**
     * A parameter a node reads.
     *
     * @param name the dotted path, without the {@code params:} prefix
     * @param type the parameter type of its first consumer
     */
    public record Param(String name, Type type) {
    }

    /**
     * A free output dataset.
     *
     * @param name              the dataset name
     * @param type              the type its producer returns for it
     * @param persistent        whether the catalog stores it outside memory
     * @param returnedByDefault whether a run that names no outputs returns it: it lives in memory
     *                          only, so the run's caller is the only one who can receive it
     */
    public record Output(String name, Type type, boolean persistent, boolean returnedByDefault) {
    }

    /** Where a dataset sits in the pipeline. */
    public enum Role {
        /** Consumed, produced by no node. */
        FREE_INPUT,
        /** Produced by one node and consumed by others. */
        INTERMEDIATE,
        /** Produced, consumed by no node. */
        FREE_OUTPUT
    }

    /**
     * One dataset of the pipeline and how the catalog stores it.
     *
     * @param name         the dataset name
     * @param role         free input, intermediate or free output
     * @param type         the type of its value as the nodes declare it: the first consumer's
     *                     parameter type, or for a free output the type its producer returns
     * @param catalogType  the catalog's type name, or {@code null} when the catalog cannot build it
     *                     (see {@link Input#catalogType()})
     * @param persistent   whether the catalog stores it outside memory
     * @param artifactKind what it holds: data, a trained model or a run's metrics
     */
    public record DatasetInfo(String name, Role role, Type type, String catalogType, boolean persistent,
                              ArtifactKind artifactKind) {
    }

    /** The dataset called {@code name}, or {@code null} when the pipeline has none. */
    public DatasetInfo dataset(String name) {
        for (DatasetInfo d : datasets) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }
}
