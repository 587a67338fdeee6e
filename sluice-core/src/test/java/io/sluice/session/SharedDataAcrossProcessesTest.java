package io.sluice.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processes running the same pipeline over one project at the same time get what two runs
 * one after the other would get: the operating-system locks beside the data make them take turns.
 */
class SharedDataAcrossProcessesTest {
    @TempDir
    Path dir;

    @Test
    void twoJvmsWritingAndReadingOnePersistedCsvEachGetTheirOwnReports() throws Exception {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", """
                mid:
                  type: csv
                  filepath: data/02_intermediate/mid.csv
                """));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> children = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            children.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    SharedDataRunsMain.class.getName(), dir.toString(), String.valueOf(c * 10_000), "150")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        }
        int checked = 0;
        for (Process child : children) {
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
            for (String line : out.split("\n")) {
                String[] idAndReport = line.split("\t");
                assertThat(idAndReport[1]).as("run " + idAndReport[0] + " of pid " + child.pid())
                        .isEqualTo("report of " + idAndReport[0] + " (20 rows)");
                checked++;
            }
        }
        assertThat(checked).isEqualTo(300);
    }
}
