package io.sluice.io;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An empty or header-only CSV input is reported as what it is, by the dataset that reads it. */
class EmptyCsvInputTest {
    @TempDir
    Path dir;

    public record Company(String id, int employees) {
    }

    public static List<Company> keepLarge(List<Company> companies) {
        return companies.stream().filter(c -> c.employees() > 10).toList();
    }

    private Session session() throws Exception {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                companies:
                  type: csv
                  filepath: data/companies.csv
                large_companies:
                  type: json
                  filepath: data/large.json
                """);
        Pipeline pipeline = Pipeline.of(node(EmptyCsvInputTest::keepLarge).name("keep_large")
                .inputs("companies").outputs("large_companies"));
        Project project = () -> Map.of("__default__", pipeline);
        return Session.compile(project, new SessionOptions(dir, "local", Map.of()));
    }

    @Test
    void aZeroByteInputFailsTheRunNamingTheInputFile() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/companies.csv"), "");

        try (Session session = session()) {
            assertThatThrownBy(() -> session.run(RunSpec.ofDefault(), Injected.NONE))
                    .hasStackTraceContaining("dataset 'companies' (csv): data/companies.csv is empty (0 bytes): it has"
                            + " no header line");
        }
        assertThat(dir.resolve("data/large.json")).doesNotExist();
    }

    @Test
    void aHeaderOnlyInputIsZeroRows() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/companies.csv"), "id,employees\n");

        try (Session session = session()) {
            session.run(RunSpec.ofDefault(), Injected.NONE);
        }
        assertThat(dir.resolve("data/large.json")).hasContent("[]");
    }
}
