package io.sluice.datasets.partitioned;

import io.sluice.datasets.files.DatasetFiles;
import io.sluice.io.Credentials;
import io.sluice.io.DataLocation;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetConfig;
import io.sluice.io.DatasetConfigException;
import io.sluice.io.DatasetException;
import io.sluice.io.ObjectStorage;
import io.sluice.run.RunContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A folder of files of one format, each a partition (Kedro's {@code PartitionedDataset}).
 *
 * <p><b>Loading</b> returns a sorted {@code Map<String, Supplier<T>>} from partition id to a
 * supplier that reads that partition when called (and again at each call: nothing is cached), so
 * a node can stream through partitions larger than memory together. The partition id is the
 * file's path relative to the folder, with {@code /} separators and without
 * {@code filename_suffix}: {@code data/reviews/2024/01.csv} is {@code 2024/01}. Hidden files
 * (names starting with {@code .}, such as the temporary files of atomic writes) are not
 * partitions. {@link #load(Type)} follows the consumer's declared type:
 * {@code Map<String, Supplier<List<Review>>>} loads each partition lazily as
 * {@code List<Review>} (through the underlying dataset's {@code load(Type)}); a value type that is
 * not a {@code Supplier}, as in {@code Map<String, List<Review>>}, loads every partition
 * eagerly.
 *
 * <p><b>Saving</b> takes a {@code Map<String, ?>} and writes one file per entry through the
 * underlying dataset, each write atomic; partitions not in the map are left alone. Values that
 * are {@link Supplier}s or {@link Callable}s are called at save time, one at a time, so a node can
 * return partitions it has not computed yet and only one needs to be in memory (lazy saving). All
 * ids are checked before anything is written: an id that would leave the folder ({@code ..},
 * absolute) or name a hidden file is rejected. The save as a whole is not atomic: a failure
 * part-way leaves the partitions written so far.
 *
 * <p>Catalog keys: {@code path} (required, the folder), {@code dataset} (required, the
 * underlying type: a name such as {@code csv}, or a mapping with {@code type} and that type's
 * own keys except {@code filepath}, which the partition sets), {@code filename_suffix} (default
 * none), {@code load_args.recursive} (default true: partitions in sub-folders count),
 * {@code checksum} (default true; {@code false} stops checking every partition). Partitioned
 * datasets are not versioned; partition ids (dates, run ids) play that role.
 *
 * <p>Each partition file saved by Sluice has its own checksum record (a hidden
 * {@code .<file>.sluice} beside it), checked when that partition is read; the records and the
 * temporary folder of atomic writes are hidden, so they are never partitions.
 *
 * <p>The run a load or save is given is passed on to every partition (a lazy partition keeps it
 * for when it is read); the context-free methods use the thread's run if any, like
 * {@link io.sluice.io.FileDataset}'s.
 */
public final class PartitionedDataset implements Dataset<Object> {
    private final DatasetConfig config;
    private final Path folder;
    /** The folder as an object URL prefix ({@code s3://bucket/reviews}), or null for a local folder. */
    private final String folderUrl;
    private final ObjectStorage storage;
    private final String suffix;
    private final boolean recursive;
    private final Map<String, Object> underlyingDescription;
    private final PartitionFactory partitions;

    /** Built from a catalog entry. */
    public PartitionedDataset(DatasetConfig config) {
        this.config = config;
        String path = config.string("path");
        if (ObjectStorage.isUrl(path)) {
            this.folderUrl = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            this.storage = config.storage("storage", path.substring(0, path.indexOf("://")), "path");
            this.folder = config.projectDir().resolve(".sluice/objects").resolve(path.substring(0, path.indexOf("://")))
                    .resolve(folderUrl.substring(folderUrl.indexOf("://") + 3)).normalize();
        } else {
            this.folderUrl = null;
            this.storage = null;
            this.folder = config.resolve(path);
        }
        this.suffix = config.string("filename_suffix", "");
        this.recursive = config.section("load_args").bool("recursive", true);
        if (config.bool("versioned", false)) {
            throw new DatasetConfigException(config.location("versioned") + ": " + config.subject()
                    + ": partitioned datasets are not versioned. Remove 'versioned'; use partition ids (a date, a"
                    + " run id) to keep several generations.");
        }
        Map<String, Object> underlying = underlying(config);
        this.underlyingDescription = withoutCredentials(underlying);
        if (!config.bool("checksum", true)) {
            underlying.putIfAbsent("checksum", false); // for every partition, unless 'dataset' says otherwise
        }
        if (storage != null) {
            underlying.put("storage", config.string("storage")); // every partition is an object of the same engine
        }
        this.partitions = PartitionFactory.resolve(config, underlying, folderUrl != null
                ? folderUrl + "/partition" + suffix : folder.resolve("partition" + suffix).toString());
    }

    private static Map<String, Object> underlying(DatasetConfig config) {
        Object shape = config.describe().get("dataset");
        Map<String, Object> entry = new LinkedHashMap<>();
        if (shape instanceof Map<?, ?>) {
            entry.putAll(config.map("dataset"));
        } else {
            entry.put("type", config.string("dataset"));
        }
        for (String forbidden : List.of("filepath", "versioned")) {
            if (entry.containsKey(forbidden)) {
                throw new DatasetConfigException(config.location("dataset") + ": " + config.subject() + ": 'dataset'"
                        + " must not set '" + forbidden + "': each partition is the unversioned file <path>/<partition"
                        + " id><filename_suffix>. Remove it.");
            }
        }
        return entry;
    }

    private static Map<String, Object> withoutCredentials(Map<String, Object> underlying) {
        Map<String, Object> out = new LinkedHashMap<>(underlying);
        if (out.containsKey("credentials")) {
            out.put("credentials", Credentials.MASK);
        }
        return out;
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
     * Loads the partitions as {@code target}: a {@code Map} (or {@code SortedMap},
     * {@code NavigableMap}, {@code TreeMap}) from id to {@code Supplier<T>} (lazy) or to {@code T}
     * (eager), each partition read for {@code run}.
     */
    @Override
    public Object load(RunContext run, Type target) {
        Class<?> raw = DatasetFiles.raw(target);
        if (!raw.isAssignableFrom(TreeMap.class)) {
            throw new DatasetException(config.subject() + ": loads a map from partition id to partition, which cannot"
                    + " be passed as " + DatasetFiles.display(target) + ". Declare the parameter as Map<String,"
                    + " Supplier<T>> (lazy) or Map<String, T>.");
        }
        Type value = typeArgument(target, 1);
        boolean lazy = value == Object.class || DatasetFiles.raw(value) == Supplier.class;
        Type element = lazy ? typeArgument(value, 0) : value;
        Map<String, String> files = list();
        TreeMap<String, Object> out = new TreeMap<>();
        files.forEach((id, file) -> {
            Dataset<?> partition = partitions.create(id, file);
            out.put(id, lazy ? new LazyPartition(id, partition, run, element) : partition.load(run, element));
        });
        return out;
    }

    /** The run of the context-free methods: the thread's, else a fresh one (see {@link RunContext#currentOr}). */
    private RunContext outside() {
        return RunContext.currentOr(config.projectDir());
    }

    /** The {@code index}th type argument of {@code type}, {@code Object} when it has none. */
    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            Type arg = p.getActualTypeArguments()[index];
            if (arg instanceof WildcardType w) {
                return w.getUpperBounds().length == 0 ? Object.class : w.getUpperBounds()[0];
            }
            return arg;
        }
        return Object.class;
    }

    /** Partition id to file (or object URL), sorted by id. */
    private Map<String, String> list() {
        if (storage != null) {
            return listObjects();
        }
        if (!Files.isDirectory(folder)) {
            throw new DatasetException(config.subject() + ": folder " + config.display(folder)
                    + (Files.exists(folder) ? " is a file, not a folder." : " does not exist."));
        }
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder, recursive ? Integer.MAX_VALUE : 1)) {
            walk.filter(Files::isRegularFile).forEach(file -> {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (isHidden(relative) || !relative.endsWith(suffix) || relative.length() == suffix.length()) {
                    return;
                }
                files.put(relative.substring(0, relative.length() - suffix.length()), file.toString());
            });
        } catch (IOException | UncheckedIOException e) {
            throw new DatasetException(config.subject() + ": cannot list partitions in " + config.display(folder)
                    + ": " + e, e);
        }
        if (files.isEmpty()) {
            throw new DatasetException(config.subject() + ": no partitions in " + config.display(folder)
                    + (suffix.isEmpty() ? "" : " (files ending in '" + suffix + "')")
                    + ". Run the node that saves it first.");
        }
        return files;
    }

    /** {@link #list()} of a folder of objects: the keys under its prefix, as partitions. */
    private Map<String, String> listObjects() {
        String prefix = folderUrl + "/";
        TreeMap<String, String> files = new TreeMap<>();
        try {
            for (String url : storage.list(prefix)) {
                String relative = url.substring(prefix.length());
                if (isHidden(relative) || !relative.endsWith(suffix) || relative.length() == suffix.length()
                        || !recursive && relative.contains("/")) {
                    continue;
                }
                files.put(relative.substring(0, relative.length() - suffix.length()), url);
            }
        } catch (IOException e) {
            throw new DatasetException(config.subject() + ": cannot list partitions in " + folderUrl + " through "
                    + storage.subject() + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DatasetException(config.subject() + ": no partitions in " + folderUrl
                    + (suffix.isEmpty() ? "" : " (objects ending in '" + suffix + "')") + " in " + storage.subject()
                    + ". Run the node that saves it first.");
        }
        return files;
    }

    private static boolean isHidden(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void save(Object data) {
        save(outside(), data);
    }

    /** Saves each partition for {@code run}. */
    @Override
    public void save(RunContext run, Object data) {
        if (!(data instanceof Map<?, ?> map)) {
            throw DatasetFiles.wrongData(config, data, "a Map from partition id (String) to partition");
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Object key : map.keySet()) {
            if (!(key instanceof String id)) {
                throw new DatasetException(config.subject() + ": cannot save a partition with id " + key
                        + (key == null ? "" : " (a " + key.getClass().getName() + ")")
                        + "; partition ids are Strings.");
            }
            files.put(id, fileOf(id));
        }
        for (var e : files.entrySet()) {
            Object value = compute(e.getKey(), map.get(e.getKey()));
            @SuppressWarnings("unchecked")
            Dataset<Object> partition = (Dataset<Object>) partitions.create(e.getKey(), e.getValue());
            partition.save(run, value);
        }
    }

    private String fileOf(String id) {
        String problem = null;
        if (id.isEmpty()) {
            problem = "is empty";
        } else if (id.startsWith("/") || id.startsWith("\\") || Path.of(id).isAbsolute() || id.matches("^[A-Za-z]:.*")) {
            problem = "is absolute";
        } else if (id.indexOf('\0') >= 0) {
            problem = "holds a NUL character";
        } else {
            for (String segment : id.split("[/\\\\]", -1)) {
                if (segment.equals("..")) {
                    problem = "escapes the folder " + config.display(folder);
                    break;
                }
                if (segment.isEmpty() || segment.startsWith(".")) {
                    problem = "has an empty or hidden path segment ('" + segment + "')";
                    break;
                }
            }
        }
        Path file = problem == null ? folder.resolve(id + suffix).normalize() : null;
        if (problem == null && !file.startsWith(folder)) {
            problem = "escapes the folder " + config.display(folder);
        }
        if (problem != null) {
            throw new DatasetException(config.subject() + ": partition id '" + id + "' " + problem + ". Partition ids"
                    + " are relative paths inside the folder: no '..', not absolute, no segment starting with '.'.");
        }
        return folderUrl != null ? folderUrl + "/" + id.replace('\\', '/') + suffix : file.toString();
    }

    private Object compute(String id, Object value) {
        try {
            if (value instanceof Supplier<?> s) {
                return s.get();
            }
            if (value instanceof Callable<?> c) {
                return c.call();
            }
            return value;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new DatasetException(config.subject() + ": computing partition '" + id + "' failed: " + e, e);
        }
    }

    /** Whether the folder holds at least one partition. */
    /** The folder of partitions, for the session's leases. */
    @Override
    public Optional<DataLocation> sharedLocation(RunContext run) {
        String shown = "dataset '" + config.name() + "' (" + config.display(folder) + ")";
        return Optional.of(folderUrl != null ? DataLocation.other(config.projectDir(), folderUrl, shown)
                : DataLocation.file(folder, shown));
    }

    @Override
    public boolean exists() {
        try {
            return !list().isEmpty();
        } catch (DatasetException e) {
            return false;
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = DatasetFiles.describe(config, DatasetFiles.KIND_DATA);
        out.put("dataset", underlyingDescription.size() == 1 ? underlyingDescription.get("type")
                : underlyingDescription);
        return out;
    }

    @Override
    public String toString() {
        return "PartitionedDataset" + describe();
    }

    /** The supplier of one partition: reads the file at each call, for the run that loaded the map. */
    private record LazyPartition(String id, Dataset<?> partition, RunContext run, Type element)
            implements Supplier<Object> {
        @Override
        public Object get() {
            return partition.load(run, element);
        }

        @Override
        public String toString() {
            return "partition '" + id + "' " + partition.describe();
        }
    }
}
