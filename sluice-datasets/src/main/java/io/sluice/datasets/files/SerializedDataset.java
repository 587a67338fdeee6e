package io.sluice.datasets.files;

import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.run.RunContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any {@link Serializable} object, stored with Java serialization: the JVM's answer to Kedro's
 * {@code PickleDataset}, for intermediate results that have no better format.
 *
 * <p><b>Not for long-term storage.</b> The file is tied to the exact classes that wrote it: renaming
 * a class, moving it to another package or changing its fields (without a fixed
 * {@code serialVersionUID} and compatible changes) makes old files unreadable, and a reader needs
 * every class of the object graph on its class path. Use it between runs of the same build; keep
 * data that must outlive code changes in {@code json}, {@code yaml}, {@code csv} or
 * {@code parquet}, and models in {@code model} (ONNX). Deserializing runs code of the classes in the
 * stream, so only load files this project wrote; {@code load_args.filter} restricts which classes
 * may appear.
 *
 * <p>{@link #load(Type)} checks the loaded object against the consumer's declared class (generic
 * arguments cannot be checked: they are erased at run time).
 *
 * <p>Catalog keys: {@code filepath} (required), {@code versioned} (default false),
 * {@code load_args.filter} (a {@link ObjectInputFilter} pattern such as
 * {@code "com.acme.**;java.base/*;!*"}; default: the JVM-wide filter, if any).
 */
public final class SerializedDataset extends FileDataset<Object> {
    private final ObjectInputFilter filter;

    /** Built from a catalog entry. */
    public SerializedDataset(DatasetConfig config) {
        super(config);
        DatasetConfig loadArgs = config.section("load_args");
        String pattern = loadArgs.optionalString("filter").orElse(null);
        try {
            this.filter = pattern == null ? null : ObjectInputFilter.Config.createFilter(pattern);
        } catch (IllegalArgumentException e) {
            throw new DatasetConfigException(loadArgs.location("filter") + ": " + config.subject()
                    + ": load_args.filter is not a valid ObjectInputFilter pattern: " + e.getMessage() + ".");
        }
    }

    @Override
    public Object load() {
        return read(outside());
    }

    @Override
    public Object load(Type target) {
        return load(outside(), target);
    }

    /** The object, checked against the consumer's declared class. */
    @Override
    public Object load(RunContext run, Type target) {
        Class<?> raw = DatasetFiles.raw(target);
        return location.read(run, (in, path) -> {
            Object value = read(in, path);
            if (value != null && !raw.isInstance(value)) {
                throw new DatasetException(config.subject() + ": " + config.display(path) + " holds a "
                        + value.getClass().getName() + ", which cannot be passed as " + DatasetFiles.display(target)
                        + ".");
            }
            return value;
        });
    }

    private Object read(RunContext run) {
        return location.read(run, this::read);
    }

    private Object read(InputStream bytes, Path path) {
        Class<?>[] rejected = new Class<?>[1];
        try (InputStream in = new BufferedInputStream(bytes);
             ObjectInputStream objects = new ContextObjectInputStream(in)) {
            if (filter != null) {
                objects.setObjectInputFilter(info -> {
                    ObjectInputFilter.Status status = filter.checkInput(info);
                    if (status == ObjectInputFilter.Status.REJECTED && rejected[0] == null) {
                        rejected[0] = info.serialClass();
                    }
                    return status;
                });
            }
            return objects.readObject();
        } catch (ClassNotFoundException e) {
            throw new DatasetException(config.subject() + ": cannot read " + config.display(path) + ": class "
                    + e.getMessage() + " is not on the class path. A serialized file needs every class it was "
                    + "written with; re-run the node that saves it.", e);
        } catch (InvalidClassException e) {
            if (rejected[0] != null) {
                throw new DatasetException(config.subject() + ": cannot read " + config.display(path)
                        + ": load_args.filter rejects class " + rejected[0].getName() + ".", e);
            }
            if (filter != null && String.valueOf(e.getMessage()).contains("REJECTED")) {
                throw new DatasetException(config.subject() + ": cannot read " + config.display(path)
                        + ": load_args.filter rejects the stream (" + e.getMessage() + ").", e);
            }
            throw new DatasetException(config.subject() + ": cannot read " + config.display(path) + ": it was"
                    + " written by a different version of class " + e.classname + " (" + e.getMessage() + "). Java"
                    + " serialization is not for long-term storage: re-run the node that saves it, or keep this data"
                    + " in a format that survives code changes (json, yaml, csv).", e);
        } catch (StreamCorruptedException e) {
            throw new DatasetException(config.subject() + ": " + config.display(path)
                    + " is not a Java serialization file (" + e.getMessage() + ").", e);
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
        if (!(data instanceof Serializable)) {
            throw DatasetFiles.wrongData(config, data, "objects implementing java.io.Serializable");
        }
        try {
            location.save(run, out -> {
                ObjectOutputStream objects = new ObjectOutputStream(out);
                objects.writeObject(data);
                objects.flush();
            });
        } catch (DatasetException e) {
            if (e.getCause() instanceof NotSerializableException n) {
                throw new DatasetException(config.subject() + ": cannot save a " + data.getClass().getName()
                        + ": it holds a " + n.getMessage() + ", which is not Serializable. Make it Serializable or"
                        + " mark the field transient.", n);
            }
            throw e;
        }
    }

    @Override
    public Map<String, Object> describe() {
        return DatasetFiles.describe(config, DatasetFiles.KIND_DATA);
    }
}
