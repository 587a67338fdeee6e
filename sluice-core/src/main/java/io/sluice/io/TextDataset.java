package io.sluice.io;

import io.sluice.run.RunContext;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A text file, loaded and saved as one {@code String}.
 *
 * <p>Catalog keys: {@code filepath} (required, relative to the project directory),
 * {@code encoding} (default {@code UTF-8}). Saves are atomic.
 */
public final class TextDataset extends FileDataset<String> {
    private final Charset encoding;

    /** Built from a catalog entry. */
    public TextDataset(DatasetConfig config) {
        this(config, Encodings.charset(config, "encoding"));
    }

    // encoding is read before filepath (in the this(...) arguments), as it always was.
    private TextDataset(DatasetConfig config, Charset encoding) {
        super(config);
        this.encoding = encoding;
    }

    @Override
    public String load() {
        return load(outside());
    }

    @Override
    public Object load(RunContext run, java.lang.reflect.Type target) {
        return FileSupport.requireInstance(this, load(run), target);
    }

    private String load(RunContext run) {
        Path path = location.forLoad(run);
        try {
            return Files.readString(path, encoding);
        } catch (IOException e) {
            throw FileSupport.readFailure(config, path, e);
        }
    }

    /** A text file feeds String, CharSequence and Object parameters only. */
    @Override
    public java.util.Optional<String> incompatibility(java.lang.reflect.Type target) {
        Class<?> raw = Jackson.raw(target);
        return raw.isAssignableFrom(String.class) ? java.util.Optional.empty()
                : java.util.Optional.of("it loads the file as one String");
    }

    @Override
    public void save(String data) {
        save(outside(), data);
    }

    @Override
    public void save(RunContext run, String data) {
        if (data == null) {
            throw FileSupport.wrongData(config, null, "a String");
        }
        FileSupport.save(config, location.forSave(run), out -> out.write(data.getBytes(encoding)));
    }
}
