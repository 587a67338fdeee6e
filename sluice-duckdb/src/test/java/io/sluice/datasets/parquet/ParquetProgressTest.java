package io.sluice.datasets.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.io.DatasetConfig;
import io.sluice.resource.Resources;
import io.sluice.run.Progress;
import io.sluice.run.RunContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet loads and saves report the rows read and appended to the run's {@link Progress}. */
class ParquetProgressTest {
    @TempDir
    Path project;
    final Resources resources = new Resources("the test catalog");

    @AfterEach
    void closeResources() {
        resources.close();
    }

    /** What a task was told. */
    static final class Recorded implements Progress.Task {
        final String action;
        final long total;
        final Progress.Unit unit;
        final AtomicLong done = new AtomicLong();
        final AtomicInteger reports = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        Recorded(String action, long total, Progress.Unit unit) {
            this.action = action;
            this.total = total;
            this.unit = unit;
        }

        @Override
        public void add(long amount) {
            done.addAndGet(amount);
            reports.incrementAndGet();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    static final class Recording implements Progress {
        final List<Recorded> tasks = new CopyOnWriteArrayList<>();
        final boolean enabled;

        Recording(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public boolean enabled() {
            return enabled;
        }

        @Override
        public Task start(String dataset, String action, long total, Unit unit) {
            assertThat(dataset).isEqualTo("trips");
            Recorded r = new Recorded(action, total, unit);
            tasks.add(r);
            return r;
        }
    }

    private ParquetDataset parquet() {
        return new ParquetDataset(DatasetConfig.of("trips", ParquetDataset.TYPE,
                Map.of("filepath", "data/trips.parquet"), project, resources));
    }

    @Test
    void aSaveReportsRowsAppendedAndALoadRowsReadOfTheFilesRowCount() {
        List<ParquetDatasetTest.Trip> trips = ParquetDatasetTest.trips(30_000);
        Recording progress = new Recording(true);
        RunContext run = RunContext.outsideRun(project).withProgress(progress);

        parquet().save(run, trips);
        List<?> loaded = (List<?>) parquet().load(run, Object.class);

        assertThat(loaded).hasSize(30_000);
        assertThat(progress.tasks).hasSize(2);
        Recorded save = progress.tasks.get(0);
        assertThat(save.action).isEqualTo("saving");
        assertThat(save.unit).isEqualTo(Progress.Unit.ROWS);
        assertThat(save.total).isEqualTo(30_000);
        assertThat(save.done.get()).isEqualTo(30_000);
        assertThat(save.reports.get()).isEqualTo(8); // every 4,096 rows, then the rest
        Recorded load = progress.tasks.get(1);
        assertThat(load.action).isEqualTo("loading");
        assertThat(load.total).isEqualTo(30_000);
        assertThat(load.done.get()).isEqualTo(30_000);
        assertThat(load.reports.get()).isEqualTo(8);
        assertThat(save.closed).isTrue();
        assertThat(load.closed).isTrue();
    }

    @Test
    void aRunThatShowsNothingIsNeverCalled() {
        Recording silent = new Recording(false);
        RunContext run = RunContext.outsideRun(project).withProgress(silent);

        parquet().save(run, ParquetDatasetTest.trips(10_000));
        assertThat((List<?>) parquet().load(run, Object.class)).hasSize(10_000);

        assertThat(silent.tasks).isEmpty();
    }
}
