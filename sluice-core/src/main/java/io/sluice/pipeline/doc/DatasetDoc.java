package io.sluice.pipeline.doc;

import java.util.List;

/**
 * One dataset of a {@link PipelineDocument} and how the exporting session's catalog stores it.
 *
 * @param name         the dataset name
 * @param role         free input, intermediate or free output
 * @param valueType    the type of its value as the nodes declare it: the first consumer's
 *                     parameter type, or for a free output the type its producer returns
 * @param catalogType  the catalog's type name ({@code csv}, {@code memory}, a class name), or
 *                     {@code null} when the catalog cannot build the dataset
 * @param resolution   how the catalog resolves the name: {@code entry}, {@code pattern} or
 *                     {@code default} (not declared: a memory dataset)
 * @param persisted    whether the data outlives the run (files, tables) rather than living in memory
 * @param versioned    whether each run saves a new version named by its run id
 * @param artifactKind what it holds: {@code data}, {@code model} or {@code metrics}
 * @param engines      the engines its catalog entry names, sorted
 */
public record DatasetDoc(String name, Role role, String valueType, String catalogType, String resolution,
                         boolean persisted, boolean versioned, String artifactKind, List<String> engines) {

    public DatasetDoc {
        Docs.require(name, "dataset name");
        Docs.require(role, "role of dataset '" + name + "'");
        Docs.require(valueType, "value_type of dataset '" + name + "'");
        Docs.require(resolution, "resolution of dataset '" + name + "'");
        Docs.require(artifactKind, "artifact_kind of dataset '" + name + "'");
        engines = List.copyOf(engines);
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
}
