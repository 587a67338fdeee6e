package io.sluice.pipeline;

/**
 * Where a node's function is implemented, as recorded in pipeline JSON: the class (binary name
 * with dots), the method name and its JVM descriptor. For a method reference this is the
 * referenced method; for a lambda it is javac's synthetic {@code lambda$...} method, whose name
 * is stable for the same compiled code.
 *
 * @param className  e.g. {@code com.acme.DataProcessing}
 * @param methodName e.g. {@code preprocessCompanies}, or {@code <init>} for a constructor reference
 * @param descriptor e.g. {@code (Ljava/util/List;)Ljava/util/List;}
 */
public record FunctionRef(String className, String methodName, String descriptor) {

    /** {@code className::methodName}, for messages. */
    public String qualifiedName() {
        return className + "::" + methodName;
    }
}
