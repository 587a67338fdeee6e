package io.sluice.bench.csvload;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.run.RunResult;
import io.sluice.run.RunSpec;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The project paired-bench.sh runs: what it loads, saves and prints, on a small file. */
class CsvLoadProjectTest {
    @TempDir
    Path project;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private RunResult run(String pipeline) throws IOException {
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("conf/local"));
        Files.copy(Path.of("conf/base/catalog.yml"), project.resolve("conf/base/catalog.yml"));
        GenerateRows.main(new String[] {project.resolve("data/rows.csv").toString(), "1000"});
        CsvLoadProject p = new CsvLoadProject(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (Session session = Session.compile(p, new SessionOptions(project, "local", Map.of()))) {
            return session.run(RunSpec.of(pipeline));
        }
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theLoadPipelineSummarisesEveryRowAndPrintsTheLoadTime() throws IOException {
        RunResult result = run("load");

        Summary summary = (Summary) result.outputs().get("summary");
        assertThat(summary.rows()).isEqualTo(1000);
        assertThat(summary.idSum()).isEqualTo(999 * 1000 / 2);
        assertThat(printed()).containsPattern("(?m)^sluice-bench: jvm \\S+ ")
                .containsPattern("(?m)^sluice-bench: load rows \\d+\\.\\d{3} ms 1000 rows$");
    }

    @Test
    void theSavePipelineWritesTheSameFileAndPrintsTheSaveTime() throws IOException {
        run("save");

        assertThat(Files.readString(project.resolve("data/rows_out.csv")))
                .isEqualTo(Files.readString(project.resolve("data/rows.csv")));
        assertThat(printed()).containsPattern("(?m)^sluice-bench: save rows_out \\d+\\.\\d{3} ms 1000 rows$");
    }

    @Test
    void theGeneratorWritesTheSameBytesEveryTime() throws IOException {
        Path a = project.resolve("a.csv");
        Path b = project.resolve("b.csv");
        GenerateRows.main(new String[] {a.toString(), "500"});
        GenerateRows.main(new String[] {b.toString(), "500"});

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllLines(a)).hasSize(501).first().isEqualTo("id,a,b,c,s");
    }
}
