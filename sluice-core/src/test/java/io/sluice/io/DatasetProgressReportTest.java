package io.sluice.io;

import static io.sluice.io.TestConfigs.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long loads and saves report their progress to the run's {@link Progress}, per block, and never when it shows nothing. */
class DatasetProgressReportTest {
    @TempDir
    Path project;

    private Path bigCsv(int rows) throws Exception {
        Path file = project.resolve("data/companies.csv");
        Files.createDirectories(file.getParent());
        StringBuilder sb = new StringBuilder("id,name,rating\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(",company number ").append(i).append(",").append(i % 50).append(".5\n");
        }
        Files.writeString(file, sb);
        return file;
    }

    private CsvDataset csv(Map<String, Object> extra) {
        Map<String, Object> config = map("filepath", "data/companies.csv");
        config.putAll(extra);
        return new CsvDataset(DatasetConfig.of("companies", "csv", config, project));
    }

    private RunContext run(Progress progress) {
        return RunContext.outsideRun(project).withProgress(progress);
    }

    @Test
    void aMultiMegabyteCsvLoadReportsTheBytesParsedOfTheFileSize() throws Exception {
        Path file = bigCsv(250_000); // ~9 MB: the fast path's parallel stretches
        RecordingProgress progress = new RecordingProgress(true);

        List<?> rows = (List<?>) csv(map()).load(run(progress), Object.class);

        assertThat(rows).hasSize(250_000);
        assertThat(progress.tasks).hasSize(1);
        RecordingProgress.Recorded task = progress.tasks.get(0);
        assertThat(task.dataset).isEqualTo("companies");
        assertThat(task.action).isEqualTo("loading");
        assertThat(task.unit).isEqualTo(Progress.Unit.BYTES);
        assertThat(task.total).isEqualTo(Files.size(file));
        assertThat(task.done.get()).isEqualTo(Files.size(file));
        assertThat(task.reports.get()).as("reported every few thousand records").isBetween(10, 250);
        assertThat(task.closed).isTrue();
    }

    @Test
    void aCsvLoadByFastCsvReportsTheBytesItReads() throws Exception {
        Path file = bigCsv(100_000);
        RecordingProgress progress = new RecordingProgress(true);

        // another encoding: FastCSV reads the stream that FileLocation counts
        List<?> rows = (List<?>) csv(map("load_args", map("encoding", "ISO-8859-1"))).load(run(progress), Object.class);

        assertThat(rows).hasSize(100_000);
        RecordingProgress.Recorded task = progress.tasks.get(0);
        assertThat(task.unit).isEqualTo(Progress.Unit.BYTES);
        assertThat(task.total).isEqualTo(Files.size(file));
        assertThat(task.done.get()).isEqualTo(Files.size(file));
        assertThat(task.reports.get()).isGreaterThan(5);
        assertThat(task.closed).isTrue();
    }

    @Test
    void aCsvSaveReportsTheRowsWrittenOfTheListsSize() throws Exception {
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            data.add(Map.of("id", i, "name", "company " + i));
        }
        RecordingProgress progress = new RecordingProgress(true);

        csv(map()).save(run(progress), data);

        assertThat(progress.tasks).hasSize(1).first().satisfies(task -> {
            assertThat(task.action).isEqualTo("saving");
            assertThat(task.unit).isEqualTo(Progress.Unit.ROWS);
            assertThat(task.total).isEqualTo(20_000);
            assertThat(task.done.get()).isEqualTo(20_000);
            assertThat(task.reports.get()).isEqualTo(5); // every 4,096 rows, then the rest
            assertThat(task.closed).isTrue();
        });
        assertThat(Files.readString(project.resolve("data/companies.csv")).lines()).hasSize(20_001);
    }

    @Test
    void otherFileDatasetsReportBytesReadAndWritten() throws Exception {
        TextDataset text = new TextDataset(DatasetConfig.of("notes", "text", map("filepath", "data/notes.txt"), project));
        String content = "x".repeat(1_000_000);
        RecordingProgress progress = new RecordingProgress(true);

        text.save(run(progress), content);
        String loaded = (String) text.load(run(progress), String.class);

        assertThat(loaded).isEqualTo(content);
        assertThat(progress.tasks).hasSize(2);
        RecordingProgress.Recorded save = progress.tasks.get(0);
        assertThat(save.action).isEqualTo("saving");
        assertThat(save.total).as("a save's size is not known ahead").isEqualTo(-1);
        assertThat(save.done.get()).isEqualTo(1_000_000);
        RecordingProgress.Recorded load = progress.tasks.get(1);
        assertThat(load.action).isEqualTo("loading");
        assertThat(load.total).isEqualTo(1_000_000);
        assertThat(load.done.get()).isEqualTo(1_000_000);
        assertThat(load.reports.get()).isGreaterThan(1);
        assertThat(save.closed).isTrue();
        assertThat(load.closed).isTrue();
    }

    @Test
    void aRunThatShowsNothingIsNeverCalled() throws Exception {
        bigCsv(250_000);
        RecordingProgress silent = new RecordingProgress(false);
        List<Map<String, Object>> data = List.of(Map.of("id", 1));
        TextDataset text = new TextDataset(DatasetConfig.of("notes", "text", map("filepath", "data/notes.txt"), project));

        csv(map()).load(run(silent), Object.class);
        csv(map("load_args", map("encoding", "ISO-8859-1"))).load(run(silent), Object.class);
        csv(map("filepath", "data/out.csv")).save(run(silent), data);
        text.save(run(silent), "hello".getBytes(StandardCharsets.UTF_8).length + "");
        text.load(run(silent), String.class);

        assertThat(silent.tasks).as("no task started, so nothing counted per block or row").isEmpty();
        assertThat(Progress.start(run(silent), "companies", "loading", 1, Progress.Unit.BYTES))
                .isSameAs(Progress.Task.NONE);
        assertThat(RunContext.outsideRun(project).progress()).isSameAs(Progress.NONE);
    }
}
