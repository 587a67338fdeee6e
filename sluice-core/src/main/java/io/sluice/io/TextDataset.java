package io.sluice.io;

import io.sluice.run.RunContext;
import java.nio.charset.Charset;

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
        return location.read(run, (in, path) -> new String(in.readAllBytes(), encoding));
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
        location.save(run, out -> out.write(data.getBytes(encoding)));
    }
}
