package io.sluice.datasets.files;

import io.sluice.io.AtomicFiles;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the datasets of this module share: atomic writes of sidecar files (core's
 * {@link AtomicFiles}), errors worded like the core file datasets ({@code dataset 'x' (type): ...}),
 * type names for messages and the artifact kind in {@code describe()}.
 *
 * <p>Public only so that the module's other packages can use it; it is not an API for projects,
 * which extend {@link io.sluice.io.FileDataset} and use its {@link io.sluice.io.FileLocation}.
 */
public final class DatasetFiles {
    /** {@code describe()}'s {@code kind} for datasets holding data. */
    public static final String KIND_DATA = "data";
    /** {@code describe()}'s {@code kind} for datasets holding a trained model. */
    public static final String KIND_MODEL = "model";

    private DatasetFiles() {
    }

    /** Writes the content of a file. */
    @FunctionalInterface
    public interface Body extends AtomicFiles.Body {
    }

    /**
     * Replaces {@code target} atomically, and checksummed, with {@link AtomicFiles#write}, for a
     * file besides the dataset's own (which its {@link io.sluice.io.FileLocation} saves), such as a
     * model's metadata sidecar: readers see the old file or the new one, never a partial one, even
     * if the JVM dies; a failed write leaves the old file.
     *
     * @throws DatasetException naming the dataset and the file when the write fails
     */
    public static void writeAtomically(DatasetConfig config, Path target, RunContext run, Body body) {
        try {
            AtomicFiles.write(target, run, body);
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot write " + config.display(target) + ": " + e, e);
        }
    }

    /** "dataset 'x' (yaml): cannot read data/x.yml: ..." */
    public static DatasetException readFailure(DatasetConfig config, Path path, IOException e) {
        return new DatasetException(config.subject() + ": cannot read " + config.display(path) + ": " + e, e);
    }

    /** "dataset 'x' (bytes): cannot save a java.lang.String; it saves a byte[]." */
    public static DatasetException wrongData(DatasetConfig config, Object data, String expected) {
        return new DatasetException(config.subject() + ": cannot save " + (data == null ? "null"
                : "a " + data.getClass().getName()) + "; it saves " + expected + ".");
    }

    /** The entry for {@code describe()}: {@code type}, then {@code kind}, then the entry's keys (never credentials). */
    public static Map<String, Object> describe(DatasetConfig config, String kind) {
        Map<String, Object> entry = config.describe();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", entry.remove("type"));
        out.put("kind", kind);
        out.putAll(entry);
        return out;
    }

    /** The erased class of {@code type}, boxed; {@code Object.class} when it has none. */
    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return box(c);
        }
        if (type instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return raw(g.getGenericComponentType()).arrayType();
        }
        return Object.class;
    }

    /** {@code List<Company>} rather than {@code java.util.List<com.acme.Company>}. */
    public static String display(Type type) {
        return FileDataset.typeName(type);
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return switch (c.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "boolean" -> Boolean.class;
            case "float" -> Float.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "char" -> Character.class;
            default -> Void.class;
        };
    }
}
