package io.sluice.datasets.files;

import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.run.RunContext;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * A file loaded and saved as raw bytes ({@code byte[]}): images, archives, files in a format no
 * dataset decodes yet. Saves are atomic and checksummed (see {@link io.sluice.io.FileLocation}).
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
        return location.read(run, (in, path) -> in.readAllBytes());
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
        location.save(run, out -> out.write(bytes));
    }

    @Override
    public Map<String, Object> describe() {
        return DatasetFiles.describe(config, DatasetFiles.KIND_DATA);
    }
}
