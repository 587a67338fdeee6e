package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.CsvDataset;
import io.sluice.io.DatasetConfig;
import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the terminal's progress line says of long loads and saves, and how often it is redrawn. */
class DatasetProgressTest {
    private static final long MS = 1_000_000;

    @TempDir
    Path project;

    /** A clock that moves {@code step} on every reading: each report may redraw when step ≥ 100 ms. */
    private static final class Clock {
        final AtomicLong now = new AtomicLong();
        final long step;

        Clock(long step) {
            this.step = step;
        }

        long read() {
            return now.addAndGet(step);
        }
    }

    @Test
    void amountsReadAsPercentAndSizesOrRows() {
        assertThat(DatasetProgress.amount(19_400_000, 56_000_000, Progress.Unit.BYTES)).isEqualTo("34 % 19/56 MB");
        assertThat(DatasetProgress.amount(3_140_000, 8_000_000, Progress.Unit.BYTES)).isEqualTo("39 % 3.1/8.0 MB");
        assertThat(DatasetProgress.amount(3_140_000, -1, Progress.Unit.BYTES)).isEqualTo("3.1 MB");
        assertThat(DatasetProgress.amount(1_500_000_000L, 2_000_000_000L, Progress.Unit.BYTES))
                .isEqualTo("75 % 1.5/2.0 GB");
        assertThat(DatasetProgress.amount(512, 900_000, Progress.Unit.BYTES)).isEqualTo("0 % 0.5/900 KB");
        assertThat(DatasetProgress.amount(4096, 35_000, Progress.Unit.ROWS)).isEqualTo("11 % 4,096/35,000 rows");
        assertThat(DatasetProgress.amount(1_234_567, -1, Progress.Unit.ROWS)).isEqualTo("1,234,567 rows");
    }

    @Test
    void theLineNamesTheNodesRunningThenTheLoadsAndSaves() {
        Set<String> running = new LinkedHashSet<>(List.of("split_data"));
        assertThat(ConsoleProgressBar.message(running, "loading model_input_table 34 % 19/56 MB"))
                .isEqualTo("running split_data · loading model_input_table 34 % 19/56 MB");
        assertThat(ConsoleProgressBar.message(running, "")).isEqualTo("running split_data");
        assertThat(ConsoleProgressBar.message(Set.of(), "saving x 3.1 MB")).isEqualTo("saving x 3.1 MB");
        assertThat(ConsoleProgressBar.message(Set.of(), "")).isEmpty();
    }

    @Test
    void redrawsAtMostEveryHundredMillisecondsAndOnceMoreWhenATaskEnds() {
        List<String> drawn = new ArrayList<>();
        Clock clock = new Clock(10 * MS); // ten reports per redraw interval
        DatasetProgress[] progress = new DatasetProgress[1];
        progress[0] = new DatasetProgress(() -> drawn.add(progress[0].text()), clock::read);

        Progress.Task task = progress[0].start("companies", "loading", 1_000_000, Progress.Unit.BYTES);
        for (int i = 0; i < 100; i++) {
            task.add(10_000);
        }
        task.close();
        task.close();

        assertThat(drawn).hasSize(11); // one per 100 ms of reports, then the line without the task
        assertThat(drawn.get(0)).isEqualTo("loading companies 10 % 0.1/1.0 MB");
        assertThat(drawn.get(9)).isEqualTo("loading companies 100 % 1.0/1.0 MB");
        assertThat(drawn.get(10)).as("cleared when done").isEmpty();
        assertThat(progress[0].text()).isEmpty();
    }

    @Test
    void aMultiMegabyteCsvLoadAndSaveShowTheirProgressOnTheLine() throws Exception {
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            data.add(Map.of("id", Integer.toString(i), "name", "company number " + i, "rating", (i % 50) + ".5"));
        }
        CsvDataset csv = new CsvDataset(DatasetConfig.of("companies", "csv",
                Map.of("filepath", "data/companies.csv", "save_args", Map.of("columns", List.of("id", "name", "rating"))),
                project));
        List<String> drawn = new CopyOnWriteArrayList<>();
        DatasetProgress[] progress = new DatasetProgress[1];
        progress[0] = new DatasetProgress(() -> drawn.add(progress[0].text()), new Clock(100 * MS)::read);
        RunContext run = RunContext.outsideRun(project).withProgress(progress[0]);

        csv.save(run, data);
        List<String> saving = List.copyOf(drawn);
        drawn.clear();
        List<?> rows = (List<?>) csv.load(run, Object.class);

        long size = Files.size(project.resolve("data/companies.csv"));
        assertThat(size).isGreaterThan(6_000_000);
        assertThat(rows).hasSize(200_000);
        assertThat(saving).contains("saving companies 2 % 4,096/200,000 rows",
                "saving companies 100 % 200,000/200,000 rows");
        assertThat(saving.get(saving.size() - 1)).isEmpty();
        assertThat(drawn.size()).isGreaterThan(10);
        assertThat(drawn).anyMatch(line -> line.matches("loading companies [1-9]\\d? % \\d\\.\\d/\\d\\.\\d MB"));
        assertThat(drawn.get(drawn.size() - 1)).isEmpty();
    }
}
