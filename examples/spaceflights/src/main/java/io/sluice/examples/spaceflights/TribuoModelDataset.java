package io.sluice.examples.spaceflights;

import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.FileLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;

/**
 * A Tribuo model in Tribuo's own protobuf format ({@link Model#serializeToFile}), loaded back as a
 * {@link Model}. A stand-in used by this example until sluice-datasets has its {@code model}
 * type; catalog entry: {@code type: io.sluice.examples.spaceflights.TribuoModelDataset},
 * {@code filepath} (and {@code versioned}) as for any file dataset.
 */
public final class TribuoModelDataset implements Dataset<Model<?>> {
    private final DatasetConfig config;
    private final FileLocation location;

    /** Built from a catalog entry. */
    public TribuoModelDataset(DatasetConfig config) {
        this.config = config;
        this.location = FileLocation.of(config);
    }

    @Override
    public Model<?> load() {
        Path path = location.forLoad();
        try {
            return Model.deserializeFromFile(path);
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(config.subject() + ": cannot read a Tribuo model from "
                    + config.display(path) + ": " + e, e);
        }
    }

    /** Writes the model to a temporary file beside the target, then moves it into place. */
    @Override
    public void save(Model<?> model) {
        Path path = location.forSave();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(path.toAbsolutePath().getParent(), path.getFileName() + ".", ".tmp");
            try {
                model.serializeToFile(tmp);
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot write " + config.display(path) + ": " + e, e);
        }
    }

    @Override
    public boolean exists() {
        return location.exists();
    }

    @Override
    public boolean isVersioned() {
        return location.versioned();
    }

    @Override
    public List<String> versions() {
        return location.versions();
    }

    @Override
    public Map<String, Object> describe() {
        return config.describe();
    }
}
