package io.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    @Test
    void executionOrderAndDefaultNamesAreTheSameInAnotherJvm() throws Exception {
        List<String> here = DeterminismMain.order(42, 200);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DeterminismMain.class.getName(), "42", "200")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = readAll(process.getInputStream());
        // Generous: a guard against a hung child on a busy machine, not a timing assertion.
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).isZero();

        assertThat(output.lines().toList()).hasSize(200).isEqualTo(here);
    }

    @Test
    void theRandomPipelineMixesDefaultExplicitAndNamespacedNames() {
        List<String> names = DeterminismMain.order(42, 200);
        assertThat(names).anyMatch(n -> n.startsWith("id("));
        assertThat(names).anyMatch(n -> n.startsWith("lambda$"));
        assertThat(names).anyMatch(n -> n.matches("n\\d+"));
        assertThat(names).anyMatch(n -> n.startsWith("ns1."));
    }

    @Test
    void theOrderDoesNotDependOnJvmIdentityOrHashSeeds() {
        // Two builds in one JVM allocate different objects; the order must still be equal.
        assertThat(DeterminismMain.order(42, 200)).isEqualTo(DeterminismMain.order(42, 200));
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        in.transferTo(buf);
        return buf.toString(StandardCharsets.UTF_8);
    }
}
