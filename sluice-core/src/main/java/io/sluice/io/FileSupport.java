package io.sluice.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the file datasets share: existence checks and I/O errors worded alike. */
final class FileSupport {
    private FileSupport() {
    }

    static void requireExists(DatasetConfig config, Path path) {
        if (!Files.isRegularFile(path)) {
            throw new DatasetException(config.subject() + ": file " + config.display(path)
                    + (Files.isDirectory(path) ? " is a directory, not a file" : " does not exist"));
        }
    }

    static DatasetException readFailure(DatasetConfig config, Path path, IOException e) {
        return new DatasetException(config.subject() + ": cannot read " + config.display(path) + ": " + e, e);
    }

    static DatasetException wrongData(DatasetConfig config, Object data, String expected) {
        return new DatasetException(config.subject() + ": cannot save " + (data == null ? "null"
                : "a " + data.getClass().getName()) + "; it saves " + expected + ".");
    }

    /**
     * {@code value} as loaded by {@code dataset}, checked to be an instance of the raw type of
     * {@code target} (what the default {@link Dataset#load(java.lang.reflect.Type)} does).
     */
    static Object requireInstance(Dataset<?> dataset, Object value, java.lang.reflect.Type target) {
        Class<?> raw = Jackson.box(Jackson.raw(target));
        if (value != null && !raw.isInstance(value)) {
            throw new DatasetException("a dataset of type " + dataset.describe().get("type") + " loaded a "
                    + value.getClass().getName() + ", which cannot be passed as " + Jackson.display(target) + ".");
        }
        return value;
    }
}
