package io.sluice.pipeline.doc;

import java.util.List;

/**
 * A node's function as recorded in a {@link PipelineDocument}: names and type names only.
 *
 * @param ref            {@code class#method}: the binary class name and the method name
 *                       ({@code <init>} for a constructor reference, javac's synthetic
 *                       {@code lambda$...} method for a lambda)
 * @param descriptor     the method's JVM descriptor, e.g. {@code (Ljava/util/List;)Ljava/util/List;};
 *                       empty when unknown
 * @param parameterTypes the generic types of the node's inputs, one per input, as
 *                       {@link java.lang.reflect.Type#getTypeName()} writes them
 * @param returnType     the generic return type
 */
public record FunctionDoc(String ref, String descriptor, List<String> parameterTypes, String returnType) {

    public FunctionDoc {
        Docs.require(ref, "function.ref");
        if (ref.indexOf('#') <= 0 || ref.indexOf('#') == ref.length() - 1) {
            throw new IllegalArgumentException("pipeline document: function.ref '" + ref
                    + "' is not of the form class#method");
        }
        Docs.require(descriptor, "function.descriptor");
        parameterTypes = List.copyOf(parameterTypes);
        Docs.require(returnType, "function.return_type");
    }

    /** The binary class name, before the {@code #}. */
    public String className() {
        return ref.substring(0, ref.indexOf('#'));
    }

    /** The method name, after the {@code #}. */
    public String methodName() {
        return ref.substring(ref.indexOf('#') + 1);
    }
}
