package io.sluice.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A value held in memory for the duration of a run: the default for every dataset a pipeline
 * uses but the catalog does not declare.
 *
 * <p>So that a node cannot change data another node reads, the value is copied on
 * {@link #save} and again on {@link #load}, according to the copy mode ({@code copy_mode} in
 * the catalog):
 * <ul>
 *   <li>{@link CopyMode#ASSIGN assign}: no copy, the same instance is passed along. Right for
 *       immutable values.</li>
 *   <li>{@link CopyMode#COPY copy}: a shallow copy of collections, maps and arrays (a new
 *       {@code ArrayList}, {@code LinkedHashMap}/{@code TreeMap}, {@code LinkedHashSet}/{@code TreeSet}
 *       or array clone); their elements are shared. Immutable values are passed as they are;
 *       other objects cannot be shallow-copied and are refused.</li>
 *   <li>{@link CopyMode#DEEPCOPY deepcopy}: a Java serialization round trip; the value must be
 *       {@link Serializable}.</li>
 * </ul>
 * Without {@code copy_mode}, the mode is chosen per value: {@code assign} for immutable values
 * (records, strings, boxed primitives, enums, {@code java.time} values, and collections made by
 * {@code List.of}/{@code Map.of}/{@code Set.of}/{@code copyOf}) and for other objects (which
 * cannot be copied in general: set {@code deepcopy} for mutable serializable ones);
 * {@code copy} for mutable collections, maps and arrays.
 *
 * <p>Not persistent. The catalog is shared by all runs, so the session gives each run its own
 * instance through {@link #emptyCopy()}. Loading before any save fails with a
 * {@link DatasetException}.
 *
 * @param <T> the type of the value
 */
public final class MemoryDataset<T> implements Dataset<T> {

    /** How values are copied on save and load; see {@link MemoryDataset}. */
    public enum CopyMode {
        /** Pass the same instance. */
        ASSIGN,
        /** Shallow-copy collections, maps and arrays. */
        COPY,
        /** Serialization round trip. */
        DEEPCOPY;

        /** The name used in {@code catalog.yml}. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Object EMPTY = new Object();

    private static final Set<Class<?>> IMMUTABLE_CLASSES = Set.of(String.class, Integer.class, Long.class,
            Double.class, Float.class, Short.class, Byte.class, Character.class, Boolean.class,
            java.math.BigInteger.class, java.math.BigDecimal.class);

    private final String name;
    private final CopyMode copyMode;
    /** Volatile: a value saved by a node on one thread is loaded by its consumers on others. */
    private volatile Object data = EMPTY;

    /** An unnamed dataset choosing the copy mode per value. */
    public MemoryDataset() {
        this("memory", null);
    }

    /**
     * @param name     the dataset name, for messages
     * @param copyMode the copy mode, or {@code null} to choose per value
     */
    public MemoryDataset(String name, CopyMode copyMode) {
        this.name = name;
        this.copyMode = copyMode;
    }

    /** Built from a catalog entry: accepts {@code copy_mode: assign|copy|deepcopy}. */
    public MemoryDataset(DatasetConfig config) {
        this(config.name(), config.optionalString("copy_mode").map(m -> parseMode(config, m)).orElse(null));
    }

    /** A dataset already holding {@code value}, copied per the default mode. */
    public static <T> MemoryDataset<T> of(String name, T value) {
        MemoryDataset<T> ds = new MemoryDataset<>(name, null);
        ds.save(value);
        return ds;
    }

    private static CopyMode parseMode(DatasetConfig config, String mode) {
        for (CopyMode m : CopyMode.values()) {
            if (m.configName().equals(mode)) {
                return m;
            }
        }
        throw new DatasetConfigException(config.location("copy_mode") + ": " + config.configSubject()
                + ": copy_mode '" + mode + "' is not one of assign, copy, deepcopy.");
    }

    /** A new, empty dataset with the same name and copy mode. */
    public MemoryDataset<T> emptyCopy() {
        return new MemoryDataset<>(name, copyMode);
    }

    /** The configured copy mode, or {@code null} when it is chosen per value. */
    public CopyMode copyMode() {
        return copyMode;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T load() {
        Object value = data;
        if (value == EMPTY) {
            throw nothingSaved(name);
        }
        return (T) copy(value);
    }

    /**
     * The copy this dataset makes of a value when it is saved and when it is loaded (its copy
     * mode, or the default for the value's class). Uses nothing but the dataset's configuration,
     * so a runner may hold a run's values itself and copy them through a dataset shared by runs.
     */
    public Object copyOf(Object value) {
        return copy(value);
    }

    /** The error for loading memory dataset {@code name} before anything was saved to it. */
    public static DatasetException nothingSaved(String name) {
        return new DatasetException("dataset '" + name + "' (memory): no data has been saved yet."
                + " Check that a node outputs it before it is loaded, or declare it in the catalog.");
    }

    @Override
    public Object load(Type target) {
        T value = load();
        Class<?> raw = Jackson.box(Jackson.raw(target));
        if (value != null && !raw.isInstance(value)) {
            throw new DatasetException("dataset '" + name + "' (memory) holds a " + value.getClass().getName()
                    + ", which cannot be passed as " + Jackson.display(target) + ".");
        }
        return value;
    }

    @Override
    public void save(T value) {
        data = copy(value);
    }

    @Override
    public boolean exists() {
        return data != EMPTY;
    }

    @Override
    public void release() {
        data = EMPTY;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "memory");
        out.put("copy_mode", copyMode == null ? "auto" : copyMode.configName());
        return out;
    }

    @Override
    public boolean isPersistent() {
        return false;
    }

    @Override
    public String toString() {
        return "MemoryDataset[" + name + ", " + describe().get("copy_mode") + "]";
    }

    private Object copy(Object value) {
        CopyMode mode = copyMode != null ? copyMode : defaultMode(value);
        return switch (mode) {
            case ASSIGN -> value;
            case COPY -> shallowCopy(value);
            case DEEPCOPY -> deepCopy(value);
        };
    }

    static CopyMode defaultMode(Object value) {
        if (isImmutable(value)) {
            return CopyMode.ASSIGN;
        }
        if (value instanceof Collection || value instanceof Map || value.getClass().isArray()) {
            return CopyMode.COPY;
        }
        return CopyMode.ASSIGN;
    }

    static boolean isImmutable(Object value) {
        return value == null || IMMUTABLE_BY_CLASS.get(value.getClass());
    }

    /** Decided once per class: runs save values of the same few classes again and again. */
    private static final ClassValue<Boolean> IMMUTABLE_BY_CLASS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            return IMMUTABLE_CLASSES.contains(c) || c.isEnum() || (c.getSuperclass() != null
                    && c.getSuperclass().isEnum()) || c.isRecord()
                    || (TemporalAccessor.class.isAssignableFrom(c) && c.getName().startsWith("java.time."))
                    || c == java.time.Duration.class || c == java.time.Period.class
                    // List.of, Map.of, Set.of and copyOf all produce java.util.ImmutableCollections$*
                    || c.getName().startsWith("java.util.ImmutableCollections$");
        }
    };

    private Object shallowCopy(Object value) {
        if (isImmutable(value)) {
            return value;
        }
        if (value instanceof SortedMap<?, ?> m) {
            return new TreeMap<>(m);
        }
        if (value instanceof Map<?, ?> m) {
            return new LinkedHashMap<>(m);
        }
        if (value instanceof SortedSet<?> s) {
            return new TreeSet<>(s);
        }
        if (value instanceof Set<?> s) {
            return new LinkedHashSet<>(s);
        }
        if (value instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            Object copy = Array.newInstance(value.getClass().getComponentType(), length);
            System.arraycopy(value, 0, copy, 0, length);
            return copy;
        }
        throw new DatasetException("dataset '" + name + "' (memory): copy_mode copy cannot copy a "
                + value.getClass().getName() + "; it copies collections, maps and arrays."
                + " Use copy_mode deepcopy (for a Serializable value) or assign.");
    }

    private Object deepCopy(Object value) {
        if (value == null || (isImmutable(value) && !value.getClass().isRecord()
                && !(value instanceof Collection) && !(value instanceof Map))) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new DatasetException("dataset '" + name + "' (memory): copy_mode deepcopy cannot copy a "
                    + value.getClass().getName() + ": " + e + ". Make it Serializable or use copy_mode copy/assign.",
                    e);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new DatasetException("dataset '" + name + "' (memory): copy_mode deepcopy failed to read back a "
                    + value.getClass().getName() + ": " + e, e);
        }
    }
}
