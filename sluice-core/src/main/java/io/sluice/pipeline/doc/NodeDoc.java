package io.sluice.pipeline.doc;

import java.util.List;

/**
 * One node of a {@link PipelineDocument}.
 *
 * @param name             the unique node name (namespace included)
 * @param namespace        the node's namespace, or {@code null}
 * @param layer            its toposort layer, from 0: it depends only on nodes of earlier layers
 * @param function         the function it calls
 * @param inputs           input names in parameter order: datasets, {@code params:x},
 *                         {@code parameters}, {@code engine:x}, {@code run:context}
 * @param outputs          output dataset names in positional or declared order
 * @param outputComponents for named outputs, the record component or map key feeding each
 *                         output (same order); empty for positional outputs
 * @param tags             the tags, sorted
 */
public record NodeDoc(String name, String namespace, int layer, FunctionDoc function, List<String> inputs,
                      List<String> outputs, List<String> outputComponents, List<String> tags) {

    public NodeDoc {
        Docs.require(name, "node name");
        Docs.require(function, "function of node '" + name + "'");
        if (layer < 0) {
            throw new IllegalArgumentException("pipeline document: node '" + name + "' has layer " + layer
                    + "; layers start at 0");
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        outputComponents = List.copyOf(outputComponents);
        tags = List.copyOf(tags);
    }
}
