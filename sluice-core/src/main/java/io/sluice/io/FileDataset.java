package io.sluice.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.sluice.run.RunContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The base of the file datasets, built-in ({@code text}, {@code json}, {@code csv} and the file
 * datasets of sluice-datasets) and users' own: it holds the catalog entry and the
 * {@link FileLocation} read from it, and answers {@link #exists()}, {@link #isVersioned()},
 * {@link #versions()}, {@link #describe()} and {@link #toString()} from them. A subclass adds
 * {@link #load(RunContext, Type)} and {@link #save(RunContext, Object)}, reading through
 * {@code location.read(run, (in, file) -> ...)} (or opening {@code location.forLoad(run)}) and
 * writing through {@code location.save(run, out -> ...)}, which gives it the same versioning,
 * atomic writes and checksums as every other file dataset (see {@link FileLocation}); its
 * context-free {@link #load()} and {@link #save(Object)} call them with {@link #outside()}. (A
 * subclass written before runs passed their context may implement only the context-free methods:
 * it then works through the run's thread-local fallback.)
 *
 * <p>Saves must be atomic: {@link FileLocation#save} (or {@link AtomicFiles#write}) replaces the
 * file only once the new content is complete and on disk, and records its checksum. A subclass
 * that opens {@code location.forLoad(run)} itself gets the file checked before it reads it.
 *
 * <p>The constructor reads {@code filepath} (required) and {@code versioned} from the entry. A
 * subclass that must read other keys first (so that they count as known even when
 * {@code filepath} is missing, or so that their errors are reported first) can compute them in
 * the arguments of a {@code this(...)} call to a private constructor that calls
 * {@code super(config)}.
 *
 * @param <T> the type {@link #load()} returns and {@link #save} accepts
 */
public abstract class FileDataset<T> implements Dataset<T> {
    /** The catalog entry. */
    protected final DatasetConfig config;
    /** Where loads read and saves write, versioned or not. */
    protected final FileLocation location;

    /** Reads {@code filepath} (required) and {@code versioned} (default false) from the entry. */
    protected FileDataset(DatasetConfig config) {
        this.config = config;
        this.location = FileLocation.of(config);
    }

    @Override
    public boolean exists() {
        return location.exists();
    }

    @Override
    public boolean exists(RunContext run) {
        return location.exists(run);
    }

    /**
     * The run that context-free calls ({@link #load()}, {@link #save(Object)}) work for: the
     * thread's run if any (the documented fallback), else a fresh save version.
     */
    protected final RunContext outside() {
        return RunContext.currentOr(config.projectDir());
    }

    /**
     * Which run saved the file a load in {@code run} would read, when, and its checksum; empty when
     * there is none or it was not saved by Sluice. See {@link FileLocation#saved}.
     */
    public Optional<SavedFile> saved(RunContext run) {
        return location.saved(run);
    }

    @Override
    public java.util.Optional<DataLocation> sharedLocation(RunContext run) {
        return location.sharedLocation();
    }

    @Override
    public boolean isVersioned() {
        return location.versioned();
    }

    @Override
    public List<String> versions() {
        return location.versions();
    }

    /** The entry: {@code type} first, then its keys, never credentials. */
    @Override
    public Map<String, Object> describe() {
        return config.describe();
    }

    /** The class's simple name followed by {@link #describe()}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + describe();
    }

    /**
     * Reads the loaded version of the file with a Jackson {@code mapper} (JSON, YAML…) into
     * {@code target}, with errors that name the dataset, the file, the JSON path and position of
     * the problem, and the {@code format} ("JSON", "YAML") when the text does not parse.
     */
    protected final Object readWithJackson(RunContext run, ObjectMapper mapper, Charset encoding, Type target,
                                           String format) {
        ObjectReader reader = mapper.readerFor(mapper.getTypeFactory().constructType(target));
        return location.read(run, (bytes, path) -> {
            try (Reader in = new BufferedReader(new InputStreamReader(bytes, encoding))) {
                return reader.readValue(in);
            } catch (JsonMappingException e) {
                throw new DatasetException(config.subject() + ": cannot read " + config.display(path) + " as "
                        + Jackson.display(target) + ": at " + jsonPath(e) + positionOf(e) + ": "
                        + e.getOriginalMessage() + ".", e);
            } catch (JsonProcessingException e) {
                throw new DatasetException(config.subject() + ": " + config.display(path) + " is not valid " + format
                        + positionOf(e) + ": " + e.getOriginalMessage() + ".", e);
            }
        });
    }

    /** A type as messages show it: simple names, generics kept ({@code List<Shuttle>}). */
    public static String typeName(Type type) {
        return Jackson.display(type);
    }

    /**
     * Where in a JSON document a Jackson mapping error happened, as messages show it:
     * {@code $.items[3].price}. For datasets that decode JSON their own way (an HTTP API's answers).
     */
    public static String jsonPath(JsonMappingException e) {
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

    private static String positionOf(JsonProcessingException e) {
        var l = e.getLocation();
        return l == null || l.getLineNr() < 0 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}
