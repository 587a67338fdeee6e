package io.sluice.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A JSON file.
 *
 * <p>{@link #load()} returns plain Java values: {@code Map<String,Object>} (insertion ordered),
 * {@code List<Object>}, {@code String}, numbers, booleans, {@code null}. {@link #load(Type)}
 * decodes into the consumer's declared type (records, POJOs, generic collections) with Jackson;
 * fields the type does not declare are ignored. {@link #save} writes any value Jackson can
 * serialize, atomically.
 *
 * <p>Catalog keys: {@code filepath} (required), {@code encoding} (default UTF-8),
 * {@code save_args.indent} (spaces per level; implies pretty printing) and
 * {@code save_args.pretty} (default false; 2 spaces).
 */
public final class JsonDataset implements Dataset<Object> {
    private final DatasetConfig config;
    private final Charset encoding;
    private final ObjectWriter writer;
    private final FileLocation location;

    /** Built from a catalog entry. */
    public JsonDataset(DatasetConfig config) {
        this.config = config;
        this.encoding = Encodings.charset(config, "encoding");
        DatasetConfig saveArgs = config.section("save_args");
        int indent = saveArgs.integer("indent", -1);
        boolean pretty = saveArgs.bool("pretty", indent > 0);
        if (indent == 0 || indent < -1) {
            throw new DatasetConfigException(saveArgs.location("indent") + ": " + config.configSubject()
                    + ": save_args.indent must be a positive number of spaces, got " + indent + ".");
        }
        ObjectWriter w = Jackson.DATA.writer();
        if (pretty) {
            String unit = " ".repeat(indent > 0 ? indent : 2);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter(unit, "\n"))
                    .withArrayIndenter(new DefaultIndenter(unit, "\n"));
            w = w.with(printer);
        }
        this.writer = w;
        this.location = FileLocation.of(config);
    }

    @Override
    public Object load() {
        return read(Object.class);
    }

    @Override
    public Object load(Type target) {
        return read(target);
    }

    private Object read(Type target) {
        Path path = location.forLoad();
        ObjectReader reader = Jackson.DATA.readerFor(Jackson.javaType(target));
        try (Reader in = Files.newBufferedReader(path, encoding)) {
            return reader.readValue(in);
        } catch (JsonMappingException e) {
            throw new DatasetException(config.subject() + ": cannot read " + config.display(path) + " as "
                    + Jackson.display(target) + ": at " + jsonPath(e) + locationOf(e) + ": "
                    + e.getOriginalMessage() + ".", e);
        } catch (JsonProcessingException e) {
            throw new DatasetException(config.subject() + ": " + config.display(path) + " is not valid JSON"
                    + locationOf(e) + ": " + e.getOriginalMessage() + ".", e);
        } catch (IOException e) {
            throw FileSupport.readFailure(config, path, e);
        }
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String locationOf(JsonProcessingException e) {
        var l = e.getLocation();
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    @Override
    public void save(Object data) {
        FileSupport.save(config, location.forSave(), out -> {
            Writer w = new OutputStreamWriter(out, encoding);
            try {
                writer.writeValue(w, data);
            } catch (JsonMappingException e) {
                throw new DatasetException(config.subject() + ": cannot write a " + (data == null ? "null"
                        : data.getClass().getName()) + " as JSON: " + e.getOriginalMessage(), e);
            }
        });
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

    @Override
    public String toString() {
        return "JsonDataset" + describe();
    }
}
