package io.sluice.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.List;

/**
 * A JSON file.
 *
 * <p>{@link #load()} returns plain Java values: {@code Map<String,Object>} (insertion ordered),
 * {@code List<Object>}, {@code String}, numbers, booleans, {@code null}. {@link #load(Type)}
 * decodes into the consumer's declared type (records, POJOs, generic collections) with Jackson;
 * fields the type does not declare are ignored. {@link #save} writes any value Jackson can
 * serialize, atomically.
 *
 * <p><b>JSON lines.</b> With {@code lines: true} the file holds one JSON value per line
 * (JSON Lines, {@code .jsonl}). {@link #load()} returns a {@code List<Object>} of plain values;
 * {@link #load(Type)} needs a list-like target ({@code List<E>}, {@code Collection<E>},
 * {@code Iterable<E>}, {@code Object}) and decodes each line as {@code E}; blank lines are
 * skipped; errors name the line number. {@link #save} takes a collection (or an array) and
 * writes each element on its own line, each line ending with {@code \n}.
 *
 * <p>Catalog keys: {@code filepath} (required), {@code versioned}, {@code encoding} (default
 * UTF-8), {@code lines} (default false), {@code save_args.indent} (spaces per level; implies
 * pretty printing) and {@code save_args.pretty} (default false; 2 spaces); neither with
 * {@code lines}.
 */
public final class JsonDataset extends FileDataset<Object> {
    private final Charset encoding;
    private final ObjectWriter writer;
    private final boolean lines;

    /** The options read from the entry besides the file location. */
    private record Options(Charset encoding, ObjectWriter writer, boolean lines) {
        static Options from(DatasetConfig config) {
            Charset encoding = Encodings.charset(config, "encoding");
            DatasetConfig saveArgs = config.section("save_args");
            int indent = saveArgs.integer("indent", -1);
            boolean pretty = saveArgs.bool("pretty", indent > 0);
            if (indent == 0 || indent < -1) {
                throw new DatasetConfigException(saveArgs.location("indent") + ": " + config.configSubject()
                        + ": save_args.indent must be a positive number of spaces, got " + indent + ".");
            }
            boolean lines = config.bool("lines", false);
            if (lines && pretty) {
                throw new DatasetConfigException(saveArgs.location(saveArgs.has("indent") ? "indent" : "pretty")
                        + ": " + config.configSubject() + ": JSON lines hold one value per line, so save_args.pretty"
                        + " and save_args.indent cannot be used with lines: true.");
            }
            ObjectWriter w = Jackson.DATA.writer();
            if (pretty) {
                String unit = " ".repeat(indent > 0 ? indent : 2);
                DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                        .withObjectIndenter(new DefaultIndenter(unit, "\n"))
                        .withArrayIndenter(new DefaultIndenter(unit, "\n"));
                w = w.with(printer);
            }
            return new Options(encoding, w, lines);
        }
    }

    /** Built from a catalog entry. */
    public JsonDataset(DatasetConfig config) {
        this(config, Options.from(config));
    }

    // The options are read before filepath (in the this(...) arguments), as they always were.
    private JsonDataset(DatasetConfig config, Options options) {
        super(config);
        this.encoding = options.encoding();
        this.writer = options.writer();
        this.lines = options.lines();
    }

    @Override
    public Object load() {
        RunContext run = outside();
        return lines ? readLines(run, Object.class) : read(run, Object.class);
    }

    @Override
    public Object load(Type target) {
        return load(outside(), target);
    }

    @Override
    public Object load(RunContext run, Type target) {
        if (!lines) {
            return read(run, target);
        }
        Type element = RowMapper.elementType(target);
        if (element == null) {
            throw new DatasetException(config.subject() + " loads a list (one value per line), which cannot be"
                    + " passed as " + Jackson.display(target) + ". Declare it as List<YourRecord>.");
        }
        return readLines(run, element);
    }

    /** JSON decodes into anything; JSON lines only into list-like types. */
    @Override
    public java.util.Optional<String> incompatibility(Type target) {
        if (lines && RowMapper.elementType(target) == null) {
            return java.util.Optional.of("it loads JSON lines as a list (one value per line), so declare"
                    + " List<YourRecord>");
        }
        return java.util.Optional.empty();
    }

    private List<Object> readLines(RunContext run, Type element) {
        ObjectReader reader = Jackson.DATA.readerFor(Jackson.javaType(element));
        return location.read(run, (bytes, path) -> readLines(bytes, path, reader, element));
    }

    private List<Object> readLines(InputStream bytes, Path path, ObjectReader reader, Type element) throws IOException {
        List<Object> out = new java.util.ArrayList<>();
        try (java.io.BufferedReader in = new java.io.BufferedReader(new InputStreamReader(bytes, encoding))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(reader.readValue(line));
                } catch (JsonMappingException e) {
                    throw new DatasetException(config.subject() + ": cannot read " + config.display(path) + " line "
                            + number + " as " + Jackson.display(element) + ": at " + jsonPath(e) + ": "
                            + e.getOriginalMessage() + ".", e);
                } catch (JsonProcessingException e) {
                    throw new DatasetException(config.subject() + ": " + config.display(path) + " line " + number
                            + " is not valid JSON: " + e.getOriginalMessage() + ".", e);
                }
            }
        }
        return out;
    }

    private Object read(RunContext run, Type target) {
        return readWithJackson(run, Jackson.DATA, encoding, target, "JSON");
    }

    @Override
    public void save(Object data) {
        save(outside(), data);
    }

    @Override
    public void save(RunContext run, Object data) {
        if (lines) {
            saveLines(run, data);
            return;
        }
        location.save(run, out -> {
            Writer w = new OutputStreamWriter(out, encoding);
            try {
                writer.writeValue(w, data);
            } catch (JsonMappingException e) {
                throw new DatasetException(config.subject() + ": cannot write a " + (data == null ? "null"
                        : data.getClass().getName()) + " as JSON: " + e.getOriginalMessage(), e);
            }
        });
    }

    private void saveLines(RunContext run, Object data) {
        Iterable<?> items;
        if (data instanceof Iterable<?> it) {
            items = it;
        } else if (data instanceof Object[] array) {
            items = List.of(array);
        } else {
            throw FileSupport.wrongData(config, data, "a list of values, one per line (lines: true)");
        }
        location.save(run, out -> {
            Writer w = new java.io.BufferedWriter(new OutputStreamWriter(out, encoding));
            int number = 0;
            for (Object item : items) {
                number++;
                try {
                    w.write(writer.writeValueAsString(item));
                } catch (JsonProcessingException e) {
                    throw new DatasetException(config.subject() + ": cannot write line " + number + ", a "
                            + (item == null ? "null" : item.getClass().getName()) + ", as JSON: "
                            + e.getOriginalMessage(), e);
                }
                w.write('\n');
            }
            w.flush();
        });
    }
}
