package io.sluice.datasets.partitioned;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A text file that says which run saved it and which run loads it, and works only for a run it is
 * given: its context-free methods fail, so a partitioned dataset that did not pass its run on
 * would be caught.
 */
public final class RunStampDataset implements Dataset<String> {
    private final Path file;

    public RunStampDataset(DatasetConfig config) {
        this.file = config.path("filepath");
    }

    @Override
    public Object load(RunContext run, Type target) {
        try {
            return Files.readString(file) + ", loaded in " + run.runId();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void save(RunContext run, String data) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, data + " saved in " + run.runId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String load() {
        throw new DatasetException("RunStampDataset was loaded without a run");
    }

    @Override
    public void save(String data) {
        throw new DatasetException("RunStampDataset was saved without a run");
    }

    @Override
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("type", RunStampDataset.class.getName());
    }
}
