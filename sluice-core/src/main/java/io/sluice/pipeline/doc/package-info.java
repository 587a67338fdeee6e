/**
 * Pipelines as data: {@link io.sluice.pipeline.doc.PipelineDocument}, the class-free, versioned
 * JSON form of a registered pipeline ({@code sluice pipelines export}; schema
 * {@code pipeline.schema.json} beside these classes). Reading a document needs no class of the
 * project that exported it: only this package, the root package and Jackson.
 */
package io.sluice.pipeline.doc;
