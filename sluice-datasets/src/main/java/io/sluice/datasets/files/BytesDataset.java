package io.sluice.datasets.files;

import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A file loaded and saved as raw bytes ({@code byte[]}): images, archives, files in a format no
 * dataset decodes yet. Saves are atomic.
 *
 * <p>Catalog keys: {@code filepath} (required), {@code versioned} (default false).
 *
 * <p>Typed as {@code Dataset<Object>} (with a covariant {@code byte[] load()}) so that saving a
 * value of another type reaches {@link #save} and gets a message naming the dataset, rather than
 * a bare {@link ClassCastException} from an erased bridge method.
 */
public final class BytesDataset extends FileDataset<Object> {
    /** Built from a catalog entry. */
    public BytesDataset(DatasetConfig config) {
        super(config);
    }

    @Override
    public byte[] load() {
        return read(outside());
    }

    @Override
    public Object load(Type target) {
        return load(outside(), target);
    }

    @Override
    public Object load(RunContext run, Type target) {
        if (!DatasetFiles.raw(target).isAssignableFrom(byte[].class)) {
            throw new DatasetException(config.subject() + ": loads a byte[], which cannot be passed as "
                    + DatasetFiles.display(target) + ". Declare the parameter as byte[].");
        }
        return read(run);
    }

    private byte[] read(RunContext run) {
        Path path = location.forLoad(run);
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw DatasetFiles.readFailure(config, path, e);
        }
    }

    @Override
    public void save(Object data) {
        save(outside(), data);
    }

    @Override
    public void save(RunContext run, Object data) {
        if (!(data instanceof byte[] bytes)) {
            throw DatasetFiles.wrongData(config, data, "a byte[]");
        }
        DatasetFiles.writeAtomically(config, location.forSave(run), out -> out.write(bytes));
    }

    @Override
    public Map<String, Object> describe() {
        return DatasetFiles.describe(config, DatasetFiles.KIND_DATA);
    }
}
