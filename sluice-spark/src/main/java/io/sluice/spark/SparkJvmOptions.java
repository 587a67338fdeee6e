package io.sluice.spark;

import java.util.List;

/**
 * The JVM options Spark 4 needs on Java 17 and later: it reaches into {@code java.base} internals
 * (direct buffers, off-heap memory, serialisation of lambdas), which the module system closes
 * unless they are opened to the class path. Spark's own launchers ({@code spark-submit}, the
 * standalone worker starting executors) add them; a JVM started any other way — {@code java -cp},
 * a test runner, {@code bin/sluice}, an IDE — must be started with them, or creating the session
 * fails with an {@link IllegalAccessError} or an {@code InaccessibleObjectException}.
 *
 * <p>The list is Spark's own ({@code org.apache.spark.launcher.JavaModuleOptions}) as of 4.1.
 */
public final class SparkJvmOptions {
    /** The options, one per element, to put before the main class. */
    public static final List<String> REQUIRED = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-Dio.netty.allocator.type=pooled",
            "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE",
            "--enable-native-access=ALL-UNNAMED");

    private SparkJvmOptions() {
    }

    /** {@link #REQUIRED} as one line, for {@code JAVA_OPTS} or a launcher script. */
    public static String line() {
        return String.join(" ", REQUIRED);
    }

    /** Whether {@code e} (or a cause) is the module system refusing Spark's access to JDK internals. */
    static boolean isClosedModule(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if ((t instanceof IllegalAccessError || t.getClass().getName().endsWith("InaccessibleObjectException"))
                    && (m.contains("module java.base") || m.contains("does not \"opens")
                    || m.contains("does not export"))) {
                return true;
            }
        }
        return false;
    }
}
