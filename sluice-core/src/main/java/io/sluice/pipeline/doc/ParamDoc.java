package io.sluice.pipeline.doc;

/**
 * A parameter some node of a {@link PipelineDocument} reads.
 *
 * @param name the dotted path, without the {@code params:} prefix
 * @param type the parameter type of its first consumer
 */
public record ParamDoc(String name, String type) {

    public ParamDoc {
        Docs.require(name, "parameter name");
        Docs.require(type, "type of parameter '" + name + "'");
    }
}
