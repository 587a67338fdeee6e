package io.sluice.datasets.files;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.io.StableOrder;
import io.sluice.run.RunContext;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;

/**
 * A YAML document (Kedro's {@code YAMLDataset}).
 *
 * <p>{@link #load()} returns plain Java values: {@code Map<String,Object>} (insertion ordered),
 * {@code List<Object>}, strings, numbers, booleans, {@code null}. {@link #load(Type)} decodes into
 * the consumer's declared type (records, POJOs, generic collections) with Jackson, ignoring fields
 * the type does not declare, like the {@code json} dataset. Only the first document of a
 * multi-document file is read. {@link #save} writes any value Jackson can serialize, in block
 * style, atomically.
 *
 * <p>Catalog keys: {@code filepath} (required), {@code versioned} (default false),
 * {@code encoding} (default UTF-8).
 */
public final class YamlDataset extends FileDataset<Object> {
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    // Strings stay quoted: Jackson's MINIMIZE_QUOTES writes e.g. "0x1F" bare,
                    // which reads back as the number 31.
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addModule(StableOrder.module())
            .build();

    private final Charset encoding;

    /** Built from a catalog entry. */
    public YamlDataset(DatasetConfig config) {
        this(config, charset(config));
    }

    // encoding is read before filepath (in the this(...) arguments), as it always was.
    private YamlDataset(DatasetConfig config, Charset encoding) {
        super(config);
        this.encoding = encoding;
    }

    static Charset charset(DatasetConfig config) {
        String name = config.string("encoding", "UTF-8");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new DatasetConfigException(config.location("encoding") + ": " + config.subject() + ": encoding '"
                    + name + "' is not supported by this JVM. Use e.g. UTF-8, ISO-8859-1 or windows-1252.");
        }
    }

    @Override
    public Object load() {
        return load(outside(), Object.class);
    }

    @Override
    public Object load(Type target) {
        return load(outside(), target);
    }

    @Override
    public Object load(RunContext run, Type target) {
        return readWithJackson(run, YAML, encoding, target, "YAML");
    }

    @Override
    public void save(Object data) {
        save(outside(), data);
    }

    @Override
    public void save(RunContext run, Object data) {
        location.save(run, out -> {
            Writer w = new OutputStreamWriter(out, encoding);
            try {
                YAML.writeValue(w, data);
            } catch (JsonMappingException e) {
                throw new DatasetException(config.subject() + ": cannot write a " + (data == null ? "null"
                        : data.getClass().getName()) + " as YAML: " + e.getOriginalMessage(), e);
            }
        });
    }

    @Override
    public Map<String, Object> describe() {
        return DatasetFiles.describe(config, DatasetFiles.KIND_DATA);
    }
}
