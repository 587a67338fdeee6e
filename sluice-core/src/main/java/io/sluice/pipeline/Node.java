package io.sluice.pipeline;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A function with named inputs and outputs: the unit of work of a {@link Pipeline}.
 *
 * <pre>{@code
 * import static io.sluice.pipeline.Node.node;
 *
 * Node n = node(DataProcessing::preprocessCompanies)
 *         .inputs("companies").outputs("preprocessed_companies").tags("clean");
 * }</pre>
 *
 * <p>Nodes are immutable; every wither returns a new node. Input names are dataset names, or one
 * of the special names described by {@link InputKind} ({@code params:<path>}, {@code parameters},
 * {@code engine:<name>}, {@code run:context}).
 *
 * <p>The default name is {@code method(in1,in2) -> [out1,out2]}, where {@code method} is the
 * implementing method's name (javac's {@code lambda$x$0} for a lambda), so it is the same in every
 * process running the same compiled code. A namespace prefixes the name with {@code namespace.}.
 *
 * <p>Equality is by {@linkplain #name() name} only, since names identify nodes within a
 * pipeline; use {@link #sameDefinition(Node)} to compare everything else.
 */
public final class Node {

    private static final Set<String> NO_TAGS = Collections.emptySortedSet();
    /** The {@code arity} of a {@link Fn.FV} node, which takes as many inputs as it is given. */
    private static final int VARIADIC = -1;

    private final Object fn;
    private final int arity;
    private final FunctionInfo info;
    private final List<String> inputs;
    private final List<String> outputs;
    /** Record component or map key per output, or empty for positional outputs. */
    private final List<String> outputComponents;
    private final String explicitName;
    private final Set<String> tags;
    private final String namespace;
    /**
     * Computed on first use: most nodes are rebuilt by several withers before anyone asks. A racy
     * single check is safe because String is immutable and the value is always the same.
     */
    private String name;

    private Node(Object fn, int arity, FunctionInfo info, List<String> inputs, List<String> outputs,
                 List<String> outputComponents, String explicitName, Set<String> tags, String namespace) {
        this.fn = fn;
        this.arity = arity;
        this.info = info;
        this.inputs = inputs;
        this.outputs = outputs;
        this.outputComponents = outputComponents;
        this.explicitName = explicitName;
        this.tags = tags;
        this.namespace = namespace;
    }

    private static Node create(Object fn, int arity) {
        Objects.requireNonNull(fn, "node function");
        return new Node(fn, arity, FunctionInfo.of(fn, arity), List.of(), List.of(), List.of(), null, NO_TAGS, null);
    }

    /** A node of a function without inputs. */
    public static <R> Node node(Fn.F0<R> fn) {
        return create(fn, 0);
    }

    /** A node of a function of one input. */
    public static <A, R> Node node(Fn.F1<A, R> fn) {
        return create(fn, 1);
    }

    /** A node of a function of two inputs. */
    public static <A, B, R> Node node(Fn.F2<A, B, R> fn) {
        return create(fn, 2);
    }

    /** A node of a function of three inputs. */
    public static <A, B, C, R> Node node(Fn.F3<A, B, C, R> fn) {
        return create(fn, 3);
    }

    /** A node of a function of four inputs. */
    public static <A, B, C, D, R> Node node(Fn.F4<A, B, C, D, R> fn) {
        return create(fn, 4);
    }

    /** A node of a function of five inputs. */
    public static <A, B, C, D, E, R> Node node(Fn.F5<A, B, C, D, E, R> fn) {
        return create(fn, 5);
    }

    /** A node of a function of six inputs. */
    public static <A, B, C, D, E, F, R> Node node(Fn.F6<A, B, C, D, E, F, R> fn) {
        return create(fn, 6);
    }

    /** A node of a function of seven inputs. */
    public static <A, B, C, D, E, F, G, R> Node node(Fn.F7<A, B, C, D, E, F, G, R> fn) {
        return create(fn, 7);
    }

    /** A node of a function of eight inputs. */
    public static <A, B, C, D, E, F, G, H, R> Node node(Fn.F8<A, B, C, D, E, F, G, H, R> fn) {
        return create(fn, 8);
    }

    /**
     * A node of a function that takes all its inputs as one list, however many there are
     * (Kedro's {@code *args}): {@code varargs(Stats::sum).inputs("a", "b", "c")}. Each input
     * is loaded as the list's element type.
     */
    public static <A, R> Node varargs(Fn.FV<A, R> fn) {
        Objects.requireNonNull(fn, "node function");
        return new Node(fn, VARIADIC, FunctionInfo.of(fn, 1), List.of(), List.of(), List.of(), null, NO_TAGS, null);
    }

    // ---------------------------------------------------------------- withers

    /**
     * This node reading the given datasets, one per function parameter, in order.
     *
     * @throws InvalidNodeException if the count differs from the function's arity, a name is
     *                              blank, or a name is also an output of this node
     */
    public Node inputs(String... names) {
        List<String> in = names(names, "inputs");
        Node n = new Node(fn, arity, info, in, outputs, outputComponents, explicitName, tags, namespace);
        n.checkArity();
        n.checkNoSelfLoop();
        return n;
    }

    /**
     * This node writing its result to the given datasets. With one name the whole result is
     * saved; with several, the function must return a {@code List}, an {@code Object[]} or a
     * record with that many elements, taken in order.
     */
    public Node outputs(String... names) {
        List<String> out = names(names, "outputs");
        checkOutputs(out);
        Node n = new Node(fn, arity, info, inputs, out, List.of(), explicitName, tags, namespace);
        n.checkNoSelfLoop();
        return n;
    }

    /**
     * This node writing named parts of its result: the function returns a {@code Map} with exactly
     * these keys, or a record with exactly these component names; each part goes to the mapped
     * dataset. {@link #outputs()} lists the datasets in the map's order for a
     * {@code LinkedHashMap} or {@code SortedMap}, otherwise sorted by component name, because
     * the iteration order of {@code Map.of} changes from one process to the next.
     */
    public Node outputs(Map<String, String> componentToDataset) {
        Objects.requireNonNull(componentToDataset, "outputs");
        Map<String, String> ordered = componentToDataset instanceof LinkedHashMap<?, ?>
                || componentToDataset instanceof SortedMap<?, ?> ? componentToDataset
                : new java.util.TreeMap<>(componentToDataset);
        List<String> keys = new ArrayList<>(ordered.size());
        List<String> out = new ArrayList<>(ordered.size());
        for (Map.Entry<String, String> e : ordered.entrySet()) {
            keys.add(checkName(e.getKey(), "outputs component"));
            out.add(checkName(e.getValue(), "outputs"));
        }
        List<String> outList = List.copyOf(out);
        checkOutputs(outList);
        Node n = new Node(fn, arity, info, inputs, outList, List.copyOf(keys), explicitName, tags, namespace);
        n.checkNoSelfLoop();
        return n;
    }

    /** This node with an explicit name instead of the default one. */
    public Node name(String name) {
        return new Node(fn, arity, info, inputs, outputs, outputComponents, checkName(name, "name"), tags, namespace);
    }

    /** This node with these tags added to its existing ones. */
    public Node tags(String... more) {
        return withTags(List.of(more));
    }

    /**
     * This node in a namespace (replacing any previous one); its name becomes
     * {@code namespace.name}. {@code null} removes the namespace.
     */
    public Node namespace(String namespace) {
        String ns = namespace == null ? null : checkName(namespace, "namespace");
        return new Node(fn, arity, info, inputs, outputs, outputComponents, explicitName, tags, ns);
    }

    // ---------------------------------------------------------------- getters

    /** The unique name: explicit or default, prefixed by the namespace if there is one. */
    public String name() {
        String n = name;
        if (n == null) {
            n = computeName();
            name = n;
        }
        return n;
    }

    /** The input names, one per function parameter. */
    public List<String> inputs() {
        return inputs;
    }

    /** The output dataset names, in positional or declared order. */
    public List<String> outputs() {
        return outputs;
    }

    /**
     * For named outputs, the map key or record component feeding each of {@link #outputs()}
     * (same order); empty for positional outputs.
     */
    public List<String> outputComponents() {
        return outputComponents;
    }

    /** The tags, sorted. */
    public Set<String> tags() {
        return tags;
    }

    /** The namespace, or {@code null}. */
    public String namespace() {
        return namespace;
    }

    /** The number of function parameters, equal to the number of inputs ({@link #varargs} nodes: the inputs given). */
    public int arity() {
        return arity == VARIADIC ? inputs.size() : arity;
    }

    /** The implementing method, as recorded in pipeline JSON. */
    public FunctionRef function() {
        return info.ref;
    }

    /**
     * The generic types of the function's parameters, e.g. {@code List<Shuttle>}, so that the
     * catalog can load each input into the type the function expects. For lambdas and functions
     * whose method cannot be resolved these are erased types (or {@code Object}).
     */
    public Type[] parameterTypes() {
        if (arity != VARIADIC) {
            return info.parameterTypes();
        }
        Type list = info.parameterTypes()[0];
        Type element = list instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0]
                : Object.class;
        Type[] types = new Type[inputs.size()];
        Arrays.fill(types, element instanceof WildcardType w ? w.getUpperBounds()[0]
                : element);
        return types;
    }

    /** The generic return type of the function, with the same caveats as {@link #parameterTypes()}. */
    public Type returnType() {
        return info.returnType();
    }

    // ---------------------------------------------------------------- execution

    /**
     * Calls the function with {@code args} (one per input, in order) and returns the values of
     * {@link #outputs()}, aligned with them.
     *
     * @throws NodeOutputException if the result cannot be split into the declared outputs
     * @throws Exception           whatever the function throws
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object[] run(Object[] args) throws Exception {
        if (args.length != arity()) {
            throw new IllegalArgumentException("Node '" + name() + "' takes " + arity() + " arguments, got "
                    + args.length);
        }
        // Plain interface calls, no reflection: this is the per-run hot path.
        Object result = switch (arity) {
            case 0 -> ((Fn.F0) fn).apply();
            case 1 -> ((Fn.F1) fn).apply(args[0]);
            case 2 -> ((Fn.F2) fn).apply(args[0], args[1]);
            case 3 -> ((Fn.F3) fn).apply(args[0], args[1], args[2]);
            case 4 -> ((Fn.F4) fn).apply(args[0], args[1], args[2], args[3]);
            case 5 -> ((Fn.F5) fn).apply(args[0], args[1], args[2], args[3], args[4]);
            case 6 -> ((Fn.F6) fn).apply(args[0], args[1], args[2], args[3], args[4], args[5]);
            case 7 -> ((Fn.F7) fn).apply(args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
            case 8 -> ((Fn.F8) fn).apply(args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7]);
            case VARIADIC -> ((Fn.FV) fn).apply(Collections.unmodifiableList(Arrays.asList(args.clone())));
            default -> throw new IllegalStateException("arity " + arity);
        };
        return NodeOutputs.align(this, result);
    }

    // ---------------------------------------------------------------- identity

    /**
     * Whether the other node is the same definition: same function reference, inputs, outputs,
     * output components, explicit name, tags and namespace. Two nodes built from one capturing
     * lambda with different captured values are indistinguishable here.
     */
    public boolean sameDefinition(Node other) {
        return this == other || other != null && info.ref.equals(other.info.ref) && inputs.equals(other.inputs)
                && outputs.equals(other.outputs) && outputComponents.equals(other.outputComponents)
                && Objects.equals(explicitName, other.explicitName) && tags.equals(other.tags)
                && Objects.equals(namespace, other.namespace);
    }

    /** Equal to another node with the same {@linkplain #name() name}, which is unique within a pipeline. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Node n && name().equals(n.name());
    }

    @Override
    public int hashCode() {
        return name().hashCode();
    }

    /** The name. */
    @Override
    public String toString() {
        return name();
    }

    // ---------------------------------------------------------------- package-private

    /** A copy with renamed datasets, another namespace and extra tags, for namespaced reuse. */
    Node renamed(List<String> newInputs, List<String> newOutputs, String newNamespace, Collection<String> moreTags) {
        return new Node(fn, arity, info, List.copyOf(newInputs), List.copyOf(newOutputs), outputComponents,
                explicitName, tags, newNamespace).withTags(moreTags);
    }

    void checkArity() {
        if (arity != VARIADIC && inputs.size() != arity) {
            throw new InvalidNodeException("Node '" + name() + "' wraps " + info.ref.qualifiedName()
                    + ", which takes " + arity + " input" + (arity == 1 ? "" : "s") + ", but "
                    + inputs.size() + " input name" + (inputs.size() == 1 ? " was" : "s were") + " given: "
                    + inputs + ". Fix: pass exactly " + arity + " name" + (arity == 1 ? "" : "s")
                    + " to inputs(...).");
        }
    }

    void checkNoSelfLoop() {
        for (String out : outputs) {
            if (inputs.contains(out)) {
                throw new InvalidNodeException("Node '" + name() + "' both reads and writes dataset '" + out
                        + "'. A node cannot consume its own output. Fix: give the output another name.");
            }
        }
    }

    // ---------------------------------------------------------------- private

    private Node withTags(Collection<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        SortedSet<String> t = new TreeSet<>(tags);
        for (String tag : more) {
            t.add(checkName(tag, "tags"));
        }
        return new Node(fn, arity, info, inputs, outputs, outputComponents, explicitName,
                Collections.unmodifiableSortedSet(t), namespace);
    }

    private String computeName() {
        String base = explicitName;
        if (base == null) {
            StringBuilder sb = new StringBuilder(info.displayName.length() + 16 * (inputs.size() + outputs.size()));
            sb.append(info.displayName).append('(');
            join(sb, inputs);
            sb.append(") -> [");
            join(sb, outputs);
            base = sb.append(']').toString();
        }
        return namespace == null ? base : namespace + "." + base;
    }

    private static void join(StringBuilder sb, List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(names.get(i));
        }
    }

    private void checkOutputs(List<String> out) {
        for (int i = 0; i < out.size(); i++) {
            String o = out.get(i);
            if (InputKind.of(o) != InputKind.DATASET) {
                throw new InvalidNodeException("Node '" + info.displayName + "' cannot output '" + o
                        + "': names starting with 'params:' or 'engine:', 'parameters' and 'run:context' are"
                        + " reserved for inputs. Fix: choose a dataset name.");
            }
            if (out.indexOf(o) != i) {
                throw new InvalidNodeException("Node '" + info.displayName + "' lists output '" + o
                        + "' twice in " + out + ". Fix: give each output its own dataset name.");
            }
        }
    }

    private static List<String> names(String[] names, String what) {
        Objects.requireNonNull(names, what);
        for (String n : names) {
            checkName(n, what);
        }
        return List.of(names);
    }

    private static String checkName(String n, String what) {
        if (n == null || n.isBlank()) {
            throw new InvalidNodeException("A node's " + what + " must be non-blank names, got "
                    + (n == null ? "null" : "'" + n + "'") + ". Fix: pass a dataset, tag or node name.");
        }
        return n;
    }
}
