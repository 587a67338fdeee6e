package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.JavaSources;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Pipeline#structureHash()} over node classes compiled at test time in several versions:
 * the hash follows the wiring and the function signatures, not the function bodies.
 */
class StructureHashBodyTest {
    @TempDir
    Path dir;

    /** A node class with a method reference and a lambda; {@code extra} goes before both. */
    private static String steps(String cleanBody, String lambdaBody, String extra, String cleanName) {
        return """
                package p;
                import static io.sluice.pipeline.Node.node;
                import io.sluice.pipeline.Pipeline;
                import io.sluice.pipeline.Fn;
                public final class Steps {
                    %s
                    public static int %s(int x) { %s }
                    public static Pipeline build() {
                        Fn.F1<Integer, Integer> twice = (Integer x) -> { %s };
                        return Pipeline.of(
                                node(Steps::%s).inputs("raw").outputs("clean").name("clean"),
                                node(twice).inputs("clean").outputs("twice").name("twice").tags("t"));
                    }
                }
                """.formatted(extra, cleanName, cleanBody, lambdaBody, cleanName);
    }

    private String hash(String version, String source) throws Exception {
        Path classes = JavaSources.compile(dir.resolve(version), Map.of("p.Steps", source));
        try (URLClassLoader loader = JavaSources.loader(classes)) {
            Pipeline p = (Pipeline) loader.loadClass("p.Steps").getMethod("build").invoke(null);
            return p.structureHash();
        }
    }

    @Test
    void changingFunctionBodiesKeepsTheHash() throws Exception {
        String v1 = hash("v1", steps("return x + 1;", "return x * 2;", "", "clean"));
        String v2 = hash("v2", steps("int y = x; y += 41; return y - 40;", "return x + x;", "", "clean"));

        assertThat(v2).isEqualTo(v1);
    }

    @Test
    void aNewLambdaElsewhereInTheClassKeepsTheHash() throws Exception {
        // javac numbers lambdas per class (lambda$build$0, lambda$build$1...): a lambda added before
        // the node's lambda renumbers it without changing the pipeline
        String v1 = hash("v1", steps("return x + 1;", "return x * 2;", "", "clean"));
        String v2 = hash("v2", steps("return x + 1;", "return x * 2;",
                "static Runnable r() { Runnable a = () -> {}; return a; }\n"
                        + "static Runnable r2() { Runnable b = () -> System.out.println(); return b; }", "clean"));

        assertThat(v2).isEqualTo(v1);
    }

    @Test
    void bindingAnotherMethodChangesTheHash() throws Exception {
        String v1 = hash("v1", steps("return x + 1;", "return x * 2;", "", "clean"));
        String renamed = hash("v2", steps("return x + 1;", "return x * 2;", "", "cleanse"));

        assertThat(renamed).isNotEqualTo(v1);
    }
}
