package io.sluice.io;

import io.sluice.Suggestions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps rows of named columns (a CSV file, a Parquet file, a query result) onto the element type
 * a node declares: compiled once per (type, columns), then applied to every row. Immutable and
 * thread-safe.
 *
 * <p><b>Element types.</b>
 * <ul>
 *   <li>A <b>record</b>: each component takes the column of the same name, or else the column
 *       whose name equals it ignoring case, {@code _}, {@code -} and spaces
 *       ({@code review_scores_rating} feeds {@code reviewScoresRating}). A component without a
 *       column is an error naming it and listing the columns, unless it is an {@code Optional},
 *       which is then empty. Columns without a component are ignored.</li>
 *   <li>A <b>POJO</b> (public no-arg constructor, public setters {@code setX(value)} or public
 *       non-final fields): matched the same way; properties without a column keep their
 *       initial value; at least one column must match.</li>
 *   <li>A <b>{@code Map<String, V>}</b> ({@code Map}, {@code LinkedHashMap}, or a map class with
 *       a public no-arg constructor): every column, in column order, converted to {@code V}.</li>
 *   <li><b>{@code Object}</b> (raw or untyped consumers): a {@code LinkedHashMap<String,Object>}
 *       of the raw values, with the asked-for conversions applied.</li>
 * </ul>
 *
 * <p><b>Conversions</b> (raw value → declared type). Text values:
 * <table>
 *   <tr><th>declared</th><th>text accepted</th></tr>
 *   <tr><td>String, CharSequence, Object</td><td>as is (an empty cell stays {@code ""})</td></tr>
 *   <tr><td>int, long, short, byte (and boxed), BigInteger</td><td>decimal integer, surrounding
 *       blanks allowed ({@code "42"}, {@code " -7 "}); no fraction, no exponent</td></tr>
 *   <tr><td>double, float (and boxed)</td><td>{@link Double#parseDouble}: {@code "4.5"},
 *       {@code "1e-3"}, {@code "NaN"}</td></tr>
 *   <tr><td>BigDecimal</td><td>{@code "1325.00"} (scale kept)</td></tr>
 *   <tr><td>boolean</td><td>{@code true}/{@code false} in any case</td></tr>
 *   <tr><td>char</td><td>exactly one character</td></tr>
 *   <tr><td>LocalDate</td><td>{@code 2024-01-31}</td></tr>
 *   <tr><td>LocalDateTime</td><td>{@code 2024-01-31T10:15:30} or {@code 2024-01-31 10:15:30}</td></tr>
 *   <tr><td>LocalTime</td><td>{@code 10:15} or {@code 10:15:30}</td></tr>
 *   <tr><td>Instant, OffsetDateTime</td><td>{@code 2024-01-31T10:15:30Z},
 *       {@code 2024-01-31 10:15:30+01:00}</td></tr>
 *   <tr><td>enum</td><td>the constant's name, exactly or ignoring case</td></tr>
 *   <tr><td>UUID</td><td>{@code 123e4567-e89b-12d3-a456-426614174000}</td></tr>
 *   <tr><td>Optional&lt;T&gt;</td><td>as T; empty for an empty cell</td></tr>
 * </table>
 * An empty text value (and {@code null}) becomes {@code null} for every non-primitive type but
 * String/CharSequence/Object, and is an error for primitives. Percent and currency strings and
 * lenient booleans ({@code t/f}, {@code yes/no}, {@code 1/0}) are converted only for the columns
 * a catalog entry lists under {@code load_args.parse}; see {@link Conversion}.
 *
 * <p>Typed values (JDBC, JSON): a value that already is an instance of the declared type is
 * passed as is. Numbers convert to any number type: to integer types only when whole and in
 * range (a {@code Long} of 3000000000 does not fit an {@code int}), to {@code double}/
 * {@code float} always, to {@code BigDecimal} exactly. {@code java.sql.Date} → LocalDate (or
 * LocalDateTime at midnight), {@code java.sql.Timestamp} → LocalDateTime or Instant,
 * {@code java.sql.Time} → LocalTime, {@code OffsetDateTime}/{@code java.util.Date} → Instant;
 * any value → String by {@code toString} ({@code BigDecimal} as plain digits). Nothing else
 * converts, e.g. a number is not a boolean unless the column asks for {@code boolean}.
 *
 * <p><b>Errors</b> begin with the {@code where} given to {@link #of}, e.g.
 * {@code dataset 'shuttles' (csv): data/01_raw/shuttles.csv row 12, column 'price': cannot
 * convert "abc" to double (RawShuttle.price). Fix the value, or ask for a conversion in
 * load_args.parse.}
 *
 * @param <E> the element type
 */
public final class RowMapper<E> {
    private enum Shape { RECORD, POJO, MAP }

    private final Type elementType;
    private final List<String> columns;
    private final String where;
    private final Shape shape;
    /** Per target slot (component, property or map column): the column index it reads, or -1. */
    private final int[] sourceColumn;
    private final Converters.Converter[] converters;
    private final String[] targetNames;
    private final String[] targetLabels;
    private final Conversion[] conversions;
    /**
     * POJO/MAP: ()Object constructor. RECORD: {@code null}, see {@link #recordConstructor()}: the
     * record's handles are built on first use, because building one spins classes (a few
     * milliseconds each in a fresh JVM) and a load needs only one of the three.
     */
    private final MethodHandle constructor;
    /** RECORD: the canonical constructor as declared, and its parameter types. */
    private MethodHandle canonical;
    private Class<?>[] componentTypes;
    /** RECORD: whether {@link #textConstructor} and {@link #direct} apply (see {@link #textConstructor}). */
    private boolean plain;
    /** RECORD: (Object[])Object, the canonical constructor spread; built on first use. */
    private volatile MethodHandle spread;
    /** POJO: (Object,Object)void per property. */
    private final MethodHandle[] setters;
    /**
     * RECORD of text cells only: (Object[])Object taking the cells in component order and parsing
     * them straight into the constructor's primitive parameters (no boxing), or {@code null} when
     * some component needs the general converters. See {@link #mapText}.
     */
    private volatile MethodHandle textConstructor;
    /** RECORD of numbers and strings only: see {@link #direct()}; {@code null} otherwise. */
    private volatile Direct direct;
    private final int mapCapacity;

    /**
     * How a loader that parses cells itself builds a record without boxing: component {@code i}
     * reads {@code longs[i]} ({@link #LONG}, {@link #INT}), {@code doubles[i]} ({@link #DOUBLE})
     * or {@code texts[i]} ({@link #TEXT}), the cell of column {@code sourceColumns[i]}.
     *
     * @param kinds         per component, one of the kind constants
     * @param sourceColumns per component, its index in {@link #columns()}
     * @param constructor   the record from {@code (long[] longs, double[] doubles, Object[] texts)}
     */
    record Direct(int[] kinds, int[] sourceColumns, ArrayConstructor constructor) {
        static final int LONG = 0;
        static final int INT = 1;
        static final int DOUBLE = 2;
        static final int TEXT = 3;
    }

    private RowMapper(Type elementType, List<String> columns, String where, Shape shape, int[] sourceColumn,
                      Converters.Converter[] converters, String[] targetNames, String[] targetLabels,
                      Conversion[] conversions, MethodHandle constructor, MethodHandle[] setters) {
        this.elementType = elementType;
        this.columns = columns;
        this.where = where;
        this.shape = shape;
        this.sourceColumn = sourceColumn;
        this.converters = converters;
        this.targetNames = targetNames;
        this.targetLabels = targetLabels;
        this.conversions = conversions;
        this.constructor = constructor;
        this.setters = setters;
        this.mapCapacity = (int) (columns.size() / 0.75f) + 1;
    }

    /**
     * {@code E} for {@code List<E>}, {@code Collection<E>}, {@code Iterable<E>} (a wildcard or
     * type variable stands for its bound); {@code Object.class} for {@code Object}, a raw list or
     * a type variable; {@code null} when a list cannot be passed as {@code target}.
     */
    public static Type elementType(Type target) {
        Type element = RowTypes.elementType(target);
        return element == null ? null : Converters.resolve(element);
    }

    /**
     * Why a list of rows cannot be passed as {@code target}, or empty when it can: the
     * {@link Dataset#incompatibility} of every dataset that loads rows (CSV, Parquet, SQL).
     */
    public static Optional<String> rowListIncompatibility(Type target) {
        Type element = elementType(target);
        if (element == null) {
            return Optional.of("it loads a list of rows, so declare List<YourRecord> or List<Map<String, Object>>");
        }
        return incompatibility(element);
    }

    /**
     * Why rows cannot be mapped onto {@code elementType}, or empty when they can (whatever the
     * columns turn out to be). For datasets' {@link Dataset#incompatibility}.
     */
    public static Optional<String> incompatibility(Type elementType) {
        Type t = Converters.resolve(elementType);
        Class<?> raw = Jackson.raw(t);
        if (raw == Object.class || raw.isRecord()) {
            return Optional.empty();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return mapProblem(t, raw);
        }
        if (pojoConstructor(raw) != null && !pojoProperties(raw).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("a row maps to a record, a POJO (public no-arg constructor and setters or public fields)"
                + " or a Map<String, ?>, not " + (raw.isPrimitive() ? raw.getName() : Jackson.display(t)));
    }

    private static Optional<String> mapProblem(Type t, Class<?> raw) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 2) {
            Class<?> key = Jackson.raw(Converters.resolve(p.getActualTypeArguments()[0]));
            if (key != String.class && key != Object.class && key != CharSequence.class) {
                return Optional.of("a row maps to a Map keyed by column name (String), not " + Jackson.display(t));
            }
            Type value = Converters.resolve(p.getActualTypeArguments()[1]);
            if (!Converters.isScalar(value)) {
                return Optional.of("a row maps to a Map of single values, not " + Jackson.display(t));
            }
        }
        if (!raw.isAssignableFrom(LinkedHashMap.class) && pojoConstructor(raw) == null) {
            return Optional.of(Jackson.display(t) + " has no public no-arg constructor to build rows with");
        }
        return Optional.empty();
    }

    /**
     * Compiles the mapping of rows of {@code columns} onto {@code elementType}.
     *
     * @param elementType the declared element type (see the class documentation)
     * @param columns     the column names, in the order of the values given to {@link #map}
     * @param conversions the conversions asked for, by column
     * @param where       how every error message begins, e.g.
     *                    {@code "dataset 'shuttles' (csv): data/01_raw/shuttles.csv"}
     * @throws DatasetException when rows cannot be mapped onto the type: a record component has
     *                          no column, a field's type is not a single value, no column matches
     */
    public static <E> RowMapper<E> of(Type elementType, List<String> columns, ColumnConversions conversions,
                                      String where) {
        List<String> cols = List.copyOf(columns);
        ColumnConversions conv = conversions == null ? ColumnConversions.none() : conversions;
        Type t = Converters.resolve(elementType);
        Optional<String> problem = incompatibility(t);
        if (problem.isPresent()) {
            throw new DatasetException(where + ": cannot load rows as " + Jackson.display(t) + ": " + problem.get()
                    + ".");
        }
        Class<?> raw = Jackson.raw(t);
        try {
            if (raw.isRecord()) {
                return forRecord(t, raw, cols, conv, where);
            }
            if (raw == Object.class || Map.class.isAssignableFrom(raw)) {
                return forMap(t, raw, cols, conv, where);
            }
            return forPojo(t, raw, cols, conv, where);
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException(where + ": cannot build " + Jackson.display(t) + " rows: " + e, e);
        }
    }

    private static <E> RowMapper<E> forRecord(Type t, Class<?> raw, List<String> cols, ColumnConversions conv,
                                              String where) throws ReflectiveOperationException {
        RecordComponent[] components = raw.getRecordComponents();
        int n = components.length;
        int[] source = new int[n];
        Converters.Converter[] converters = new Converters.Converter[n];
        String[] names = new String[n];
        String[] labels = new String[n];
        Conversion[] asked = new Conversion[n];
        Class<?>[] types = new Class<?>[n];
        for (int i = 0; i < n; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String label = Jackson.display(t) + "." + c.getName();
            labels[i] = label;
            source[i] = columnFor(c.getName(), cols);
            if (source[i] < 0) {
                if (c.getType() == Optional.class) {
                    converters[i] = v -> Optional.empty();
                    names[i] = c.getName();
                    continue;
                }
                Class<?> boxed = Jackson.box(c.getType());
                throw new DatasetException(where + ": no column for " + label + " (columns: "
                        + (cols.isEmpty() ? "none" : String.join(", ", cols)) + ")."
                        + Suggestions.didYouMean(c.getName(), cols)
                        + " Add the column, rename the component to match one, or declare it Optional<"
                        + boxed.getSimpleName() + "> to accept its absence.");
            }
            names[i] = cols.get(source[i]);
            asked[i] = conv.of(names[i]);
            converters[i] = converter(c.getGenericType(), asked[i], where, label);
        }
        Constructor<?> ctor = raw.getDeclaredConstructor(types);
        ctor.setAccessible(true);
        RowMapper<E> mapper = new RowMapper<>(t, cols, where, Shape.RECORD, source, converters, names, labels, asked,
                null, null);
        mapper.canonical = MethodHandles.lookup().unreflectConstructor(ctor);
        mapper.componentTypes = types;
        mapper.plain = plain(types, source, asked);
        return mapper;
    }

    /** RECORD: the spread canonical constructor, built on first use (a race builds two equal ones). */
    private MethodHandle recordConstructor() {
        MethodHandle mh = spread;
        if (mh == null) {
            mh = canonical.asSpreader(Object[].class, componentTypes.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            spread = mh;
        }
        return mh;
    }

    /**
     * Per record class: its canonical constructor fed from {@link Direct}'s three arrays, compiled
     * once per class ({@link ArrayConstructor#of} defines a class for it) and shared by the loads.
     */
    private static final ClassValue<ArrayConstructor> ARRAY_CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected ArrayConstructor computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < types.length; i++) {
                types[i] = components[i].getType();
            }
            try {
                Constructor<?> ctor = type.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                return ArrayConstructor.of(arrayHandle(MethodHandles.lookup().unreflectConstructor(ctor), types));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("the canonical constructor of " + type.getName(), e);
            }
        }
    };

    /** What {@link Direct} tells a loader about a record type of the given component types. */
    private static Direct direct(Class<?> record, Class<?>[] types, int[] source) {
        int n = types.length;
        int[] kinds = new int[n];
        for (int i = 0; i < n; i++) {
            Class<?> t = types[i];
            kinds[i] = t == long.class ? Direct.LONG : t == int.class ? Direct.INT
                    : t == double.class ? Direct.DOUBLE : Direct.TEXT;
        }
        return new Direct(kinds, source.clone(), ARRAY_CONSTRUCTORS.get(record));
    }

    /** The record constructor {@code ctor} fed from three arrays: {@code (long[], double[], Object[])Object}. */
    private static MethodHandle arrayHandle(MethodHandle ctor, Class<?>[] types) {
        int n = types.length;
        MethodHandle[] filters = new MethodHandle[n];
        int[] reorder = new int[n];
        for (int i = 0; i < n; i++) {
            Class<?> t = types[i];
            MethodHandle getter;
            if (t == long.class || t == int.class) {
                getter = MethodHandles.insertArguments(MethodHandles.arrayElementGetter(long[].class), 1, i);
                if (t == int.class) {
                    getter = MethodHandles.explicitCastArguments(getter, MethodType.methodType(int.class, long[].class));
                }
                reorder[i] = 0;
            } else if (t == double.class) {
                getter = MethodHandles.insertArguments(MethodHandles.arrayElementGetter(double[].class), 1, i);
                reorder[i] = 1;
            } else {
                getter = MethodHandles.insertArguments(MethodHandles.arrayElementGetter(Object[].class), 1, i)
                        .asType(MethodType.methodType(t, Object[].class));
                reorder[i] = 2;
            }
            filters[i] = getter;
        }
        MethodHandle spread = MethodHandles.filterArguments(ctor, 0, filters);
        MethodType arrays = MethodType.methodType(ctor.type().returnType(), long[].class, double[].class,
                Object[].class);
        return MethodHandles.permuteArguments(spread, arrays, reorder)
                .asType(MethodType.methodType(Object.class, long[].class, double[].class, Object[].class));
    }

    /**
     * For records whose components are all {@code long}, {@code int}, {@code double} or
     * {@code String}, each read from a column with no conversion asked: how to build one from
     * parsed cells without boxing. {@code null} for any other row type; a row whose cells the
     * loader cannot parse itself goes through {@link #map} (or the text path), which decides.
     */
    Direct direct() {
        Direct d = direct;
        if (d == null && plain) {
            d = direct(canonical.type().returnType(), componentTypes, sourceColumn);
            direct = d;
        }
        return d;
    }

    private static final MethodHandle PARSE_LONG;
    private static final MethodHandle PARSE_INT;
    private static final MethodHandle PARSE_DOUBLE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PARSE_LONG = lookup.findStatic(Long.class, "parseLong", MethodType.methodType(long.class, String.class));
            PARSE_INT = lookup.findStatic(Integer.class, "parseInt", MethodType.methodType(int.class, String.class));
            PARSE_DOUBLE = lookup.findStatic(Converters.class, "parseDouble",
                    MethodType.methodType(double.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The constructor with each parameter fed by a parser of its text cell, when every component
     * is a {@code long}, {@code int}, {@code double} or {@code String} read from a column with no
     * conversion asked; {@code null} otherwise. Any cell it cannot parse (a blank, an empty cell,
     * {@code "1.0"} for a long) sends the row to the general path, which accepts or explains it.
     */
    private static boolean plain(Class<?>[] types, int[] source, Conversion[] asked) {
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            if (source[i] < 0 || asked[i] != null
                    || t != long.class && t != int.class && t != double.class && t != String.class) {
                return false;
            }
        }
        return true;
    }

    /** {@link #textConstructor(MethodHandle, Class[])}, built on first use; {@code null} unless plain. */
    private MethodHandle textConstructor() {
        MethodHandle mh = textConstructor;
        if (mh == null && plain) {
            mh = textConstructor(canonical, componentTypes);
            textConstructor = mh;
        }
        return mh;
    }

    private static MethodHandle textConstructor(MethodHandle ctor, Class<?>[] types) {
        MethodHandle[] filters = new MethodHandle[types.length];
        for (int i = 0; i < types.length; i++) {
            MethodHandle parse = types[i] == long.class ? PARSE_LONG : types[i] == int.class ? PARSE_INT
                    : types[i] == double.class ? PARSE_DOUBLE : MethodHandles.identity(String.class);
            filters[i] = parse.asType(parse.type().changeParameterType(0, Object.class));
        }
        return MethodHandles.filterArguments(ctor, 0, filters)
                .asSpreader(Object[].class, types.length)
                .asType(MethodType.methodType(Object.class, Object[].class));
    }

    /**
     * {@link #map} for rows of text cells (CSV): records of numbers and strings are built with
     * their cells parsed straight into the constructor, the rest as {@link #map} does.
     */
    @SuppressWarnings("unchecked")
    E mapText(String[] cells, long rowNumber) {
        MethodHandle fast = shape == Shape.RECORD ? textConstructor() : null;
        if (fast != null) {
            int n = sourceColumn.length;
            Object[] args = new Object[n];
            boolean complete = true;
            for (int i = 0; i < n; i++) {
                int s = sourceColumn[i];
                if (s >= cells.length) {
                    complete = false;
                    break;
                }
                args[i] = cells[s];
            }
            if (complete) {
                try {
                    return (E) fast.invokeExact(args);
                } catch (RuntimeException e) {
                    // a cell the plain parsers do not take: the general path accepts it or says why
                } catch (Throwable e) {
                    throw construction(rowNumber, e);
                }
            }
        }
        return map(cells, rowNumber);
    }

    private static <E> RowMapper<E> forMap(Type t, Class<?> raw, List<String> cols, ColumnConversions conv,
                                           String where) throws ReflectiveOperationException {
        Type value = t instanceof ParameterizedType p && p.getActualTypeArguments().length == 2
                ? p.getActualTypeArguments()[1] : Object.class;
        int n = cols.size();
        int[] source = new int[n];
        Converters.Converter[] converters = new Converters.Converter[n];
        String[] names = cols.toArray(String[]::new);
        String[] labels = new String[n];
        Conversion[] asked = new Conversion[n];
        String label = raw == Object.class ? "row" : Jackson.display(t);
        for (int i = 0; i < n; i++) {
            source[i] = i;
            labels[i] = label;
            asked[i] = conv.of(cols.get(i));
            converters[i] = converter(value, asked[i], where, label);
        }
        MethodHandle ctor = null;
        if (!raw.isAssignableFrom(LinkedHashMap.class)) {
            ctor = MethodHandles.publicLookup().unreflectConstructor(raw.getConstructor())
                    .asType(MethodType.methodType(Object.class));
        }
        return new RowMapper<>(t, cols, where, Shape.MAP, source, converters, names, labels, asked, ctor, null);
    }

    private static <E> RowMapper<E> forPojo(Type t, Class<?> raw, List<String> cols, ColumnConversions conv,
                                            String where) throws ReflectiveOperationException {
        Map<String, Property> properties = pojoProperties(raw);
        List<Integer> source = new ArrayList<>();
        List<Property> matched = new ArrayList<>();
        for (Property p : properties.values()) {
            int c = columnFor(p.name, cols);
            if (c >= 0) {
                source.add(c);
                matched.add(p);
            }
        }
        if (matched.isEmpty()) {
            throw new DatasetException(where + ": no column matches a property of " + Jackson.display(t)
                    + " (columns: " + (cols.isEmpty() ? "none" : String.join(", ", cols)) + "; properties: "
                    + String.join(", ", properties.keySet()) + "). Rename the columns or the properties.");
        }
        int n = matched.size();
        int[] src = new int[n];
        Converters.Converter[] converters = new Converters.Converter[n];
        String[] names = new String[n];
        String[] labels = new String[n];
        Conversion[] asked = new Conversion[n];
        MethodHandle[] setters = new MethodHandle[n];
        MethodType setterType = MethodType.methodType(void.class, Object.class, Object.class);
        for (int i = 0; i < n; i++) {
            Property p = matched.get(i);
            src[i] = source.get(i);
            names[i] = cols.get(src[i]);
            labels[i] = Jackson.display(t) + "." + p.name;
            asked[i] = conv.of(names[i]);
            converters[i] = converter(p.type, asked[i], where, labels[i]);
            MethodHandle setter = p.setter != null ? MethodHandles.publicLookup().unreflect(p.setter)
                    : MethodHandles.publicLookup().unreflectSetter(p.field);
            setters[i] = setter.asType(setterType);
        }
        MethodHandle ctor = MethodHandles.publicLookup().unreflectConstructor(pojoConstructor(raw))
                .asType(MethodType.methodType(Object.class));
        return new RowMapper<>(t, cols, where, Shape.POJO, src, converters, names, labels, asked, ctor, setters);
    }

    private static Converters.Converter converter(Type type, Conversion conversion, String where, String label) {
        try {
            return Converters.forTarget(type, conversion);
        } catch (Converters.Unsupported e) {
            throw new DatasetException(where + ": cannot load " + label + ": " + e.getMessage() + ".");
        }
    }

    /** The column named {@code name}, else the one equal to it ignoring case and separators, else -1. */
    static int columnFor(String name, List<String> cols) {
        int exact = cols.indexOf(name);
        if (exact >= 0) {
            return exact;
        }
        String key = normalized(name);
        for (int i = 0; i < cols.size(); i++) {
            if (normalized(cols.get(i)).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    private static String normalized(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != ' ') {
                sb.append(c);
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private record Property(String name, Type type, Method setter, Field field) {
    }

    private static Constructor<?> pojoConstructor(Class<?> raw) {
        if (raw.isInterface() || raw.isArray() || raw.isPrimitive() || Modifier.isAbstract(raw.getModifiers())
                || !Modifier.isPublic(raw.getModifiers()) || raw.getName().startsWith("java.")) {
            return null;
        }
        try {
            return raw.getConstructor();
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** Public setters, then public non-final instance fields without a setter; by property name. */
    private static Map<String, Property> pojoProperties(Class<?> raw) {
        Map<String, Property> out = new LinkedHashMap<>();
        if (raw.getName().startsWith("java.")) {
            return out;
        }
        for (Method m : raw.getMethods()) {
            String n = m.getName();
            if (n.length() > 3 && n.startsWith("set") && m.getParameterCount() == 1
                    && !Modifier.isStatic(m.getModifiers())) {
                String name = Character.toLowerCase(n.charAt(3)) + n.substring(4);
                out.putIfAbsent(name, new Property(name, m.getGenericParameterTypes()[0], m, null));
            }
        }
        for (Field f : raw.getFields()) {
            int mod = f.getModifiers();
            if (!Modifier.isStatic(mod) && !Modifier.isFinal(mod)) {
                out.putIfAbsent(f.getName(), new Property(f.getName(), f.getGenericType(), null, f));
            }
        }
        return out;
    }

    /** The columns, in the order of the values {@link #map} takes. */
    public List<String> columns() {
        return columns;
    }

    /** The element type rows are mapped onto. */
    public Type elementType() {
        return elementType;
    }

    /**
     * One row.
     *
     * @param values    {@code values[i]} is the raw value of {@code columns().get(i)}: a String
     *                  (text formats), a JDBC value or {@code null}; missing trailing values count
     *                  as {@code null}. Not modified.
     * @param rowNumber the row's number, from 1, for error messages
     * @throws DatasetException naming the row, the column, the value and the field when a value
     *                          does not convert
     */
    @SuppressWarnings("unchecked")
    public E map(Object[] values, long rowNumber) {
        Converters.Converter[] conv = converters;
        int[] source = sourceColumn;
        int n = conv.length;
        switch (shape) {
            case RECORD -> {
                Object[] args = new Object[n];
                for (int i = 0; i < n; i++) {
                    args[i] = convert(i, source[i] >= 0 && source[i] < values.length ? values[source[i]] : null,
                            rowNumber);
                }
                try {
                    return (E) recordConstructor().invokeExact(args);
                } catch (Throwable e) {
                    throw construction(rowNumber, e);
                }
            }
            case MAP -> {
                Map<String, Object> row;
                try {
                    row = constructor == null ? new LinkedHashMap<>(mapCapacity) : (Map<String, Object>) constructor.invokeExact();
                } catch (Throwable e) {
                    throw construction(rowNumber, e);
                }
                for (int i = 0; i < n; i++) {
                    row.put(targetNames[i], convert(i, i < values.length ? values[i] : null, rowNumber));
                }
                return (E) row;
            }
            default -> {
                Object bean;
                try {
                    bean = constructor.invokeExact();
                } catch (Throwable e) {
                    throw construction(rowNumber, e);
                }
                for (int i = 0; i < n; i++) {
                    Object v = convert(i, source[i] < values.length ? values[source[i]] : null, rowNumber);
                    try {
                        setters[i].invokeExact(bean, v);
                    } catch (Throwable e) {
                        throw construction(rowNumber, e);
                    }
                }
                return (E) bean;
            }
        }
    }

    private Object convert(int i, Object raw, long rowNumber) {
        try {
            return converters[i].convert(raw);
        } catch (RuntimeException e) {
            throw conversionError(i, raw, rowNumber, e);
        }
    }

    private DatasetException conversionError(int i, Object raw, long rowNumber, RuntimeException e) {
        String at = where + " row " + rowNumber + ", column '" + targetNames[i] + "'";
        String target = declaredType(i);
        if (e == Converters.NO_VALUE) {
            return new DatasetException(at + " has no value, but " + targetLabels[i] + " is a " + target
                    + ". Fill in the value, or declare the field as " + Jackson.box(rawTarget(i)).getSimpleName()
                    + " to accept empty values.");
        }
        String value = raw instanceof String s ? "\"" + s + "\"" : raw + " (" + raw.getClass().getSimpleName() + ")";
        String as = conversions[i] == null ? "" : " as " + conversions[i].configName();
        String fix = conversions[i] != null ? "Fix the value."
                : raw instanceof String ? "Fix the value, or ask for a conversion in load_args.parse."
                : "Fix the value, or change the field's type.";
        return new DatasetException(at + ": cannot convert " + value + " to " + target + as + " ("
                + targetLabels[i] + "). " + fix, e);
    }

    private DatasetException construction(long rowNumber, Throwable e) {
        if (e instanceof Error err) {
            throw err;
        }
        return new DatasetException(where + " row " + rowNumber + ": cannot build " + Jackson.display(elementType)
                + ": " + e, e);
    }

    private Type declaredTypeOf(int i) {
        Class<?> raw = Jackson.raw(elementType);
        if (shape == Shape.RECORD) {
            return raw.getRecordComponents()[i].getGenericType();
        }
        if (shape == Shape.MAP) {
            return elementType instanceof ParameterizedType p && p.getActualTypeArguments().length == 2
                    ? Converters.resolve(p.getActualTypeArguments()[1]) : Object.class;
        }
        Property p = pojoProperties(raw).get(targetLabels[i].substring(targetLabels[i].lastIndexOf('.') + 1));
        return p == null ? Object.class : p.type;
    }

    private Class<?> rawTarget(int i) {
        return Jackson.raw(declaredTypeOf(i));
    }

    private String declaredType(int i) {
        Type t = declaredTypeOf(i);
        return t instanceof Class<?> c && c.isPrimitive() ? c.getName() : Jackson.display(t);
    }

    @Override
    public String toString() {
        return "RowMapper[" + Jackson.display(elementType) + " <- " + columns + "]";
    }
}
