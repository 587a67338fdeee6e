package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicSaveTest {
    @TempDir
    Path project;

    /** A bean whose serialization fails. */
    public static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    private List<String> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSaveThatFailsHalfwayLeavesThePreviousFileAndNoTemporaryFile() throws Exception {
        JsonDataset ds = new JsonDataset(DatasetConfig.of("report", "json",
                map("filepath", "data/report.json"), project));
        ds.save(List.of("previous"));
        // Far more than Jackson's and the stream's buffers, so bytes reach the temporary file
        // before the failure.
        String big = "x".repeat(200_000);

        assertThatThrownBy(() -> ds.save(List.of(big, new Exploding())))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("dataset 'report' (json): cannot write a java.util.ImmutableCollections$List12"
                        + " as JSON: boom");

        assertThat(Files.readString(project.resolve("data/report.json"))).isEqualTo("[\"previous\"]");
        assertThat(filesIn(project.resolve("data"))).containsExactly(".report.json.sluice", ".sluice-tmp", "report.json");
        assertThat(filesIn(project.resolve("data/.sluice-tmp"))).isEmpty();
        assertThat(ds.load()).as("the record still describes the file in place").isEqualTo(List.of("previous"));
    }

    @Test
    void atomicWriteReplacesTheFileOnlyWhenTheBodyCompletes() throws Exception {
        Path target = project.resolve("out/a.txt");

        AtomicFiles.write(target, out -> out.write("first".getBytes()));
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            throw new IOException("disk full");
        })).isInstanceOf(IOException.class).hasMessage("disk full");

        assertThat(Files.readString(target)).isEqualTo("first");
        assertThat(filesIn(project.resolve("out"))).containsExactly(".a.txt.sluice", ".sluice-tmp", "a.txt");
        assertThat(filesIn(project.resolve("out/.sluice-tmp"))).isEmpty();
    }
}
