package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.group.GroupStrategy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same export, byte for byte, in this JVM and in a child JVM with another locale, time zone and line separator. */
class DeterminismTest {
    @TempDir
    Path project;
    @TempDir
    Path other;

    @Test
    void aChildJvmWritesTheSameBytes() throws Exception {
        for (String target : List.of("argo", "aws")) {
            ExportFiles here = Target.named(target, TargetOptions.DEFAULTS).render(Spaceflights
                    .fixture(project, new GroupStrategy.MemoryComponents(), false).plan(Exports.ENV, Exports.IMAGE));
            StringBuilder expected = new StringBuilder();
            for (Map.Entry<String, String> f : here.files().entrySet()) {
                expected.append("=== ").append(f.getKey()).append('\n').append(f.getValue());
            }
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Duser.language=tr", "-Duser.country=TR", "-Duser.timezone=Pacific/Chatham",
                    "-Dline.separator=\r\n", "-Dfile.encoding=ISO-8859-1",
                    "-cp", System.getProperty("java.class.path"), RenderMain.class.getName(), other.toString(), target));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(new String(out, StandardCharsets.UTF_8)).as(target).isEqualTo(expected.toString());
            assertThat(Files.exists(other.resolve("conf/base/catalog.yml"))).isTrue();
        }
    }

    @Test
    void twoRendersInOneJvmAreEqual() {
        var a = Exports.render(project, Exports.GROUPINGS.get(1), Exports.VARIANTS.get(3));
        var b = Exports.render(other, Exports.GROUPINGS.get(1), Exports.VARIANTS.get(3));
        assertThat(a).isEqualTo(b);
    }
}
