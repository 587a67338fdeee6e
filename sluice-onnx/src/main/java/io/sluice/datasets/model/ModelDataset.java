package io.sluice.datasets.model;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.datasets.files.ContextObjectInputStream;
import io.sluice.datasets.files.DatasetFiles;
import io.sluice.io.ArtifactKind;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.io.FileDataset;
import io.sluice.run.RunContext;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A trained model, saved as an artifact of kind {@code model} so that deployment tools can tell
 * models from data: {@link #describe()} says {@code kind: model}, and every saved model has a
 * sidecar {@code <file>.meta.json} saying {@code kind: model}, its format, what produced it, the
 * run that saved it and, for ONNX, its input and output names, element types and shapes.
 *
 * <p><b>{@code format: onnx}</b> (the default) stores the model as ONNX, readable by ONNX Runtime
 * in any language and by serving platforms. {@link #save} takes the ONNX bytes ({@code byte[]}) or
 * an {@link OnnxExportable}; the bytes are checked by opening them with ONNX Runtime before
 * anything is written. {@link #load()} returns an {@link OnnxModel} (one ONNX Runtime session per
 * load; close it when done); a consumer declaring {@code byte[]} gets the raw bytes instead. A
 * plain {@code .onnx} file made by another tool loads too: the sidecar is optional.
 *
 * <p><b>{@code format: java}</b> is the fallback for models that cannot export ONNX: any
 * {@link Serializable} model, stored with Java serialization, which ties the file to the exact
 * classes that wrote it (see {@code serialized}); the sidecar says {@code format: java}. Loading
 * checks the object against the consumer's declared class.
 *
 * <p>The model file is written first, then the sidecar, each atomically; a load whose sidecar
 * names another format than the entry fails rather than guess.
 *
 * <p>Catalog keys: {@code filepath} (required, e.g. {@code data/06_models/regressor.onnx}),
 * {@code versioned} (default false), {@code format} ({@code onnx} or {@code java}, default
 * {@code onnx}); for ONNX, {@code load_args} may set the ONNX Runtime session's
 * {@code intra_op_threads} and {@code inter_op_threads} (default 0: ONNX Runtime's choice, one
 * thread per core) and {@code allow_spinning} (default true). A service predicting a few rows per
 * request wants {@code intra_op_threads: 1}: its parallelism comes from concurrent requests, and a
 * pool of spinning threads woken for every small request costs more than the prediction.
 */
public final class ModelDataset extends FileDataset<Object> {
    /** The suffix of the metadata file next to the model file. */
    public static final String METADATA_SUFFIX = ".meta.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** How the model is stored. */
    enum Format {
        ONNX, JAVA;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * {@code load_args}: ONNX Runtime's session options. 0 threads leaves the choice to ONNX
     * Runtime.
     */
    private record LoadArgs(int intraOpThreads, int interOpThreads, boolean allowSpinning) {
        static final LoadArgs DEFAULTS = new LoadArgs(0, 0, true);

        LoadArgs {
            threads("intra_op_threads", intraOpThreads);
            threads("inter_op_threads", interOpThreads);
        }

        private static void threads(String key, int n) {
            if (n < 0) {
                throw new IllegalArgumentException(key + " must be 0 (ONNX Runtime's default) or a number of threads,"
                        + " got " + n);
            }
        }
    }

    private final Format format;
    private final LoadArgs loadArgs;

    /** Built from a catalog entry. */
    public ModelDataset(DatasetConfig config) {
        super(config);
        this.loadArgs = config.bind("load_args", LoadArgs.class, LoadArgs.DEFAULTS);
        String f = config.string("format", "onnx");
        this.format = switch (f) {
            case "onnx" -> Format.ONNX;
            case "java" -> Format.JAVA;
            default -> throw new DatasetConfigException(config.location("format") + ": " + config.subject()
                    + ": format '" + f + "' is not supported. Use 'onnx' (the default) or 'java' (Java serialization,"
                    + " for models that cannot export ONNX).");
        };
    }

    /** The ONNX Runtime session options of this entry's {@code load_args}. */
    private OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        if (loadArgs.intraOpThreads() > 0) {
            options.setIntraOpNumThreads(loadArgs.intraOpThreads());
        }
        if (loadArgs.interOpThreads() > 0) {
            options.setInterOpNumThreads(loadArgs.interOpThreads());
        }
        if (!loadArgs.allowSpinning()) {
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
        }
        return options;
    }

    @Override
    public Object load() {
        return load(outside(), Object.class);
    }

    @Override
    public Object load(Type target) {
        return load(outside(), target);
    }

    /**
     * {@code OnnxModel} (or {@code Object}) loads an ONNX Runtime session, {@code byte[]} the raw
     * ONNX bytes; for {@code format: java}, the deserialized model checked against {@code target}.
     * The file is the version {@code run} pins, or the latest.
     */
    @Override
    public Object load(RunContext run, Type target) {
        Class<?> raw = DatasetFiles.raw(target);
        if (format == Format.JAVA) {
            // checked against the file's checksum record as it is deserialized
            return location.read(run, (in, file) -> {
                Object model = loadJava(in, file);
                if (model != null && !raw.isInstance(model)) {
                    throw new DatasetException(config.subject() + ": " + config.display(file) + " holds a "
                            + model.getClass().getName() + ", which cannot be passed as "
                            + DatasetFiles.display(target) + ".");
                }
                return model;
            });
        }
        if (raw == byte[].class) {
            return location.read(run, (in, file) -> {
                checkFormat(file);
                return in.readAllBytes();
            });
        }
        if (!raw.isAssignableFrom(OnnxModel.class)) {
            throw new DatasetException(config.subject() + ": loads an OnnxModel (or the ONNX bytes as byte[]), which"
                    + " cannot be passed as " + DatasetFiles.display(target) + ". Declare the parameter as OnnxModel.");
        }
        // ONNX Runtime opens the file itself: forLoad checks it against its record first
        return loadOnnx(location.forLoad(run));
    }

    private OnnxModel loadOnnx(Path file) {
        checkFormat(file);
        OrtEnvironment env = environment();
        try {
            OrtSession session = env.createSession(file.toString(), sessionOptions());
            return new OnnxModel(env, session, config.display(file));
        } catch (OrtException e) {
            throw new DatasetException(config.subject() + ": " + config.display(file) + " is not a valid ONNX model: "
                    + e.getMessage(), e);
        }
    }

    private Object loadJava(InputStream bytes, Path file) {
        checkFormat(file);
        try (InputStream in = new BufferedInputStream(bytes);
             ObjectInputStream objects = new ContextObjectInputStream(in)) {
            return objects.readObject();
        } catch (ClassNotFoundException e) {
            throw new DatasetException(config.subject() + ": cannot read " + config.display(file) + ": class "
                    + e.getMessage() + " is not on the class path. A model saved with format: java needs the"
                    + " classes it was written with.", e);
        } catch (InvalidClassException e) {
            throw new DatasetException(config.subject() + ": cannot read " + config.display(file) + ": it was"
                    + " written by a different version of class " + e.classname + " (" + e.getMessage() + ")."
                    + " Re-run the training node, or export the model to ONNX (format: onnx), which survives code"
                    + " changes.", e);
        } catch (IOException e) {
            throw DatasetFiles.readFailure(config, file, e);
        }
    }

    /** Fails when the sidecar says the file was saved in another format than the entry's. */
    private void checkFormat(Path file) {
        Map<String, Object> metadata = readMetadata(file).orElse(Map.of());
        Object saved = metadata.get("format");
        if (saved != null && !format.id().equals(saved)) {
            throw new DatasetException(config.subject() + ": " + config.display(file) + " was saved with format '"
                    + saved + "' (see " + config.display(metadataFile(file)) + "), but the entry has format '"
                    + format.id() + "'. Set 'format: " + saved + "' or save the model again.");
        }
    }

    @Override
    public void save(Object data) {
        save(outside(), data);
    }

    /**
     * Writes the model, then its sidecar, which records {@code run}'s id as the run that saved it
     * (for a save outside any run, the fresh id it was saved under, which a versioned entry also
     * uses as the version). Both get a checksum record, like every file Sluice saves.
     */
    @Override
    public void save(RunContext run, Object data) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kind", DatasetFiles.KIND_MODEL);
        metadata.put("format", format.id());
        byte[] bytes = format == Format.ONNX ? onnxBytes(data, metadata) : javaBytes(data);
        metadata.put("producer", producer(data));
        metadata.put("run_id", run.runId());
        Path file = location.forSave(run);
        metadata.put("file", file.getFileName().toString());
        metadata.put("bytes", bytes.length);
        metadata.put("sha256", sha256(bytes));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(metadata);
        } catch (JsonProcessingException e) {
            throw new DatasetException(config.subject() + ": cannot write the model's metadata: " + e.getMessage(), e);
        }
        location.save(run, out -> out.write(bytes));
        DatasetFiles.writeAtomically(config, metadataFile(file), run, out -> out.write(json));
    }

    private byte[] onnxBytes(Object data, Map<String, Object> metadata) {
        byte[] bytes;
        if (data instanceof byte[] b) {
            bytes = b;
        } else if (data instanceof OnnxExportable exportable) {
            bytes = exportable.toOnnx();
            if (bytes == null) {
                throw new DatasetException(config.subject() + ": " + data.getClass().getName()
                        + ".toOnnx() returned null.");
            }
        } else {
            throw DatasetFiles.wrongData(config, data, "ONNX models: the model bytes (byte[]) or an "
                    + OnnxExportable.class.getName() + ". Set 'format: java' to save a Serializable model that"
                    + " cannot export ONNX");
        }
        OrtEnvironment env = environment();
        try (OrtSession session = env.createSession(bytes, new OrtSession.SessionOptions())) {
            metadata.put("inputs", OnnxModel.describe(session.getInputInfo()));
            metadata.put("outputs", OnnxModel.describe(session.getOutputInfo()));
            var onnx = session.getMetadata();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("producer_name", onnx.getProducerName());
            info.put("domain", onnx.getDomain());
            info.put("model_version", onnx.getVersion());
            info.put("graph_name", onnx.getGraphName());
            metadata.put("onnx", info);
        } catch (OrtException e) {
            throw new DatasetException(config.subject() + ": cannot save: the "
                    + (data instanceof byte[] ? "bytes are" : "export of " + data.getClass().getName() + " is")
                    + " not a valid ONNX model: " + e.getMessage(), e);
        }
        return bytes;
    }

    private byte[] javaBytes(Object data) {
        if (!(data instanceof Serializable)) {
            throw DatasetFiles.wrongData(config, data, "models implementing java.io.Serializable (format: java)");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(data);
        } catch (NotSerializableException e) {
            throw new DatasetException(config.subject() + ": cannot save a " + data.getClass().getName() + ": it holds"
                    + " a " + e.getMessage() + ", which is not Serializable. Export the model to ONNX instead, or make"
                    + " it Serializable.", e);
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot serialize a " + data.getClass().getName() + ": "
                    + e, e);
        }
        return buffer.toByteArray();
    }

    private static String producer(Object data) {
        return data instanceof byte[] ? "byte[]" : data.getClass().getName();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private OrtEnvironment environment() {
        try {
            return Onnx.environment();
        } catch (IllegalStateException e) {
            throw new DatasetException(config.subject() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The sidecar metadata of the model the context-free {@link #load()} would read, or empty when
     * the model has none (a plain {@code .onnx} file made elsewhere).
     *
     * @throws DatasetException when there is no model to load
     */
    public Optional<Map<String, Object>> metadata() {
        return metadata(outside());
    }

    /**
     * The sidecar metadata of the model a load in {@code run} would read (the version it pins, or
     * the latest), or empty when the model has none.
     *
     * @throws DatasetException when there is no model to load
     */
    public Optional<Map<String, Object>> metadata(RunContext run) {
        return readMetadata(location.forLoad(run));
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> readMetadata(Path file) {
        Path sidecar = metadataFile(file);
        if (!Files.isRegularFile(sidecar)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(sidecar.toFile(), Map.class));
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot read the model metadata "
                    + config.display(sidecar) + ": " + e.getMessage(), e);
        }
    }

    private static Path metadataFile(Path file) {
        return file.resolveSibling(file.getFileName() + METADATA_SUFFIX);
    }

    /** The entry with {@code kind: model} and the effective {@code format}. */
    @Override
    public ArtifactKind artifactKind() {
        return ArtifactKind.MODEL;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = DatasetFiles.describe(config, DatasetFiles.KIND_MODEL);
        out.put("format", format.id());
        return out;
    }
}
