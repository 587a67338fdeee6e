package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineCatalog;
import io.sluice.engine.EngineConfigException;
import io.sluice.io.DataCatalog;
import io.sluice.io.Dataset;
import io.sluice.io.MemoryDataset;
import io.sluice.io.Parameters;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import io.sluice.runner.NodePolicy;
import io.sluice.runner.RunnerEntry;
import io.sluice.runner.Schedule;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pipeline made ready to run many times: nodes numbered in toposort order, every input resolved
 * to a dataset slot, a parameter value already bound to the node's declared type, or the run
 * context; dependency arrays for runners. Immutable and shared by concurrent runs.
 */
final class CompiledPlan implements Schedule {
    final String pipelineName;
    final Pipeline pipeline;
    final Node[] nodes;
    final InputSource[][] inputSources;
    final int[][] inputSlots;
    final Object[][] boundParams;
    final Type[][] inputTypes;
    final int[][] outputSlots;
    final Slot[] slots;
    final Map<String, Integer> slotIndex;
    final Set<String> injected;
    /** Datasets returned when the request names none: the free outputs that live in memory. */
    final Set<String> defaultOutputs;
    /**
     * Whether every dataset of the plan is a memory dataset, injected, or an artifact: a run then
     * reads and writes nothing outside memory once its artifacts are loaded.
     */
    final boolean memoryOnly;
    /**
     * The slots a run may share with other runs through persisted data — catalog datasets, not
     * injected, not memory, not read-once artifacts (whose shared value is read under a lease of
     * its own) — in slot order; whether each is written by a node of the plan is
     * {@link #leaseWrites}. Empty for in-memory plans: their runs take no lease at all.
     */
    final int[] leaseSlots;
    final boolean[] leaseWrites;
    /** Each runner entry's retry and timeout policy resolved for these nodes, once per entry. */
    private final ConcurrentHashMap<RunnerEntry, NodePolicy[]>
            policies = new ConcurrentHashMap<>(2);
    /** The cached value for an entry whose rules select none of these nodes. */
    private static final NodePolicy[] NONE_SELECTED = new NodePolicy[0];
    private final int[][] children;
    private final int[][] parents;
    private final int[] producer;

    private CompiledPlan(String pipelineName, Pipeline pipeline, Node[] nodes, InputSource[][] inputSources,
                         int[][] inputSlots, Object[][] boundParams, Type[][] inputTypes, int[][] outputSlots,
                         Slot[] slots, Map<String, Integer> slotIndex, Set<String> injected,
                         Set<String> defaultOutputs, boolean memoryOnly, int[] leaseSlots, boolean[] leaseWrites,
                         int[][] children, int[][] parents, int[] producer) {
        this.pipelineName = pipelineName;
        this.pipeline = pipeline;
        this.nodes = nodes;
        this.inputSources = inputSources;
        this.inputSlots = inputSlots;
        this.boundParams = boundParams;
        this.inputTypes = inputTypes;
        this.outputSlots = outputSlots;
        this.slots = slots;
        this.slotIndex = slotIndex;
        this.injected = injected;
        this.defaultOutputs = defaultOutputs;
        this.memoryOnly = memoryOnly;
        this.leaseSlots = leaseSlots;
        this.leaseWrites = leaseWrites;
        this.children = children;
        this.parents = parents;
        this.producer = producer;
    }

    /**
     * Compiles {@code pipeline} against {@code catalog} and {@code parameters}.
     *
     * @param injected datasets whose values the run request provides
     * @throws SluiceException when a parameter is missing or cannot bind to its node's type, or a
     *                         free input has no data source
     */
    static CompiledPlan compile(String pipelineName, Pipeline pipeline, DataCatalog catalog, Parameters parameters,
                                Set<String> injected) {
        return compile(pipelineName, pipeline, catalog, catalog.engines(), parameters, injected);
    }

    /**
     * As {@link #compile(String, Pipeline, DataCatalog, Parameters, Set)}, binding each
     * {@code engine:<name>} input to its engine of {@code engines}: refused when it is not
     * declared or cannot supply the parameter's type. Nothing is created or connected here.
     */
    static CompiledPlan compile(String pipelineName, Pipeline pipeline, DataCatalog catalog, EngineCatalog engines,
                                Parameters parameters, Set<String> injected) {
        List<Node> order = pipeline.nodes();
        int n = order.size();
        Node[] nodes = order.toArray(new Node[0]);
        Map<String, Integer> slotIndex = new HashMap<>();
        List<String> slotNames = new ArrayList<>();
        InputSource[][] kinds = new InputSource[n][];
        int[][] inSlots = new int[n][];
        Object[][] bound = new Object[n][];
        Type[][] types = new Type[n][];
        int[][] outSlots = new int[n][];
        List<Integer> consumerCounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Node node = nodes[i];
            List<String> inputs = node.inputs();
            kinds[i] = new InputSource[inputs.size()];
            inSlots[i] = new int[inputs.size()];
            bound[i] = new Object[inputs.size()];
            Type[] declared = node.parameterTypes();
            types[i] = declared;
            for (int j = 0; j < inputs.size(); j++) {
                String input = inputs.get(j);
                inSlots[i][j] = -1;
                InputKind kind = InputKind.of(input);
                if (kind == InputKind.ENGINE) {
                    Type type = j < declared.length ? declared[j] : Object.class;
                    String engineName = input.substring(InputKind.ENGINE_PREFIX.length());
                    String user = "Node '" + node.name() + "' reads '" + input + "' as parameter " + (j + 1);
                    Engine<?> engine;
                    try {
                        engine = engines.engine(engineName, EngineInputs.isHandle(type) ? Object.class : type, user);
                    } catch (EngineConfigException e) {
                        throw new SluiceException(e.getMessage(), e);
                    }
                    kinds[i][j] = EngineInputs.isHandle(type) ? InputSource.ENGINE_HANDLE : InputSource.ENGINE;
                    bound[i][j] = engine; // bound now, created on its first get() in a run
                    continue;
                }
                if (kind == InputKind.RUN_CONTEXT) {
                    kinds[i][j] = InputSource.RUN_CONTEXT;
                } else if (kind.isParameter() && !injected.contains(input)) {
                    kinds[i][j] = InputSource.PARAMETER;
                    bound[i][j] = parameters.bind(input, declared[j],
                            "parameter " + (j + 1) + " of node '" + node.name() + "'");
                } else {
                    kinds[i][j] = InputSource.DATASET;
                    int s = slotIndex.computeIfAbsent(input, k -> {
                        slotNames.add(k);
                        consumerCounts.add(0);
                        return slotNames.size() - 1;
                    });
                    consumerCounts.set(s, consumerCounts.get(s) + 1);
                    inSlots[i][j] = s;
                }
            }
            List<String> outputs = node.outputs();
            outSlots[i] = new int[outputs.size()];
            for (int k = 0; k < outputs.size(); k++) {
                int s = slotIndex.computeIfAbsent(outputs.get(k), key -> {
                    slotNames.add(key);
                    consumerCounts.add(0);
                    return slotNames.size() - 1;
                });
                outSlots[i][k] = s;
            }
        }
        int[] producer = new int[slotNames.size()];
        Arrays.fill(producer, -1);
        for (int i = 0; i < n; i++) {
            for (int s : outSlots[i]) {
                producer[s] = i;
            }
        }
        Slot[] slots = new Slot[slotNames.size()];
        List<Integer> leased = new ArrayList<>();
        Set<String> missingSources = new TreeSet<>();
        Set<String> defaultOutputs = new LinkedHashSet<>();
        boolean memoryOnly = true;
        for (int s = 0; s < slots.length; s++) {
            String name = slotNames.get(s);
            Dataset<?> ds = catalog.dataset(name);
            boolean memory = ds instanceof MemoryDataset<?>;
            if (memory && producer[s] < 0 && !injected.contains(name) && !catalog.isDeclared(name)) {
                missingSources.add(name);
            }
            boolean artifact = !memory && producer[s] < 0 && !injected.contains(name) && catalog.loadOnce(name);
            slots[s] = memory
                    ? new Slot(name, null, (MemoryDataset<?>) ds, consumerCounts.get(s), false, false)
                    : new Slot(name, ds, null, consumerCounts.get(s), ds.isPersistent(), artifact);
            memoryOnly &= memory || artifact || injected.contains(name);
            if (!memory && !artifact && !injected.contains(name) && ds.isPersistent() && !ds.isVersioned()) {
                leased.add(s);
            }
            if (producer[s] >= 0 && consumerCounts.get(s) == 0 && !slots[s].persistent()) {
                defaultOutputs.add(name);
            }
        }
        if (!missingSources.isEmpty()) {
            throw new SluiceException("Pipeline '" + pipelineName + "' needs input(s) " + missingSources
                    + " that no node produces and the catalog does not declare. Declare them in conf/base/catalog.yml, "
                    + "inject their values in the run request, or run fewer nodes.");
        }
        checkTypes(nodes, kinds, inSlots, types, slots, producer, injected);
        int[][] children = new int[n][];
        List<TreeSet<Integer>> childSets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            childSets.add(new TreeSet<>());
        }
        int[][] parents = new int[n][];
        for (int i = 0; i < n; i++) {
            TreeSet<Integer> ps = new TreeSet<>();
            for (int s : inSlots[i]) {
                if (s >= 0 && producer[s] >= 0) {
                    ps.add(producer[s]);
                }
            }
            parents[i] = ps.stream().mapToInt(Integer::intValue).toArray();
            for (int p : ps) {
                childSets.get(p).add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            children[i] = childSets.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        int[] leaseSlots = leased.stream().mapToInt(Integer::intValue).toArray();
        boolean[] leaseWrites = new boolean[leaseSlots.length];
        for (int k = 0; k < leaseSlots.length; k++) {
            leaseWrites[k] = producer[leaseSlots[k]] >= 0;
        }
        return new CompiledPlan(pipelineName, pipeline, nodes, kinds, inSlots, bound, types, outSlots, slots,
                Map.copyOf(slotIndex), Set.copyOf(injected), defaultOutputs, memoryOnly, leaseSlots, leaseWrites,
                children, parents, producer);
    }

    /**
     * Refuses, before anything runs, a dataset input whose dataset says it cannot feed the
     * parameter's declared type ({@link Dataset#incompatibility}), and a memory dataset whose
     * producer's declared return type can never be passed as the consumer's parameter type.
     * Conservative: unknown, erased or generic types pass; so do injected inputs.
     */
    private static void checkTypes(Node[] nodes, InputSource[][] kinds, int[][] inSlots, Type[][] types, Slot[] slots,
                                   int[] producer, Set<String> injected) {
        for (int i = 0; i < nodes.length; i++) {
            Node node = nodes[i];
            for (int j = 0; j < kinds[i].length; j++) {
                if (kinds[i][j] != InputSource.DATASET || j >= types[i].length) {
                    continue;
                }
                Slot slot = slots[inSlots[i][j]];
                if (injected.contains(slot.name())) {
                    continue;
                }
                Type declared = types[i][j];
                if (slot.shared() != null) {
                    Optional<String> why = slot.shared().incompatibility(declared);
                    if (why.isPresent()) {
                        throw new SluiceException("Dataset '" + slot.name() + "' (" + slot.shared().describe().get("type")
                                + ") cannot feed parameter " + (j + 1) + " of node '" + node.name() + "' ("
                                + TypeChecks.display(declared) + "): " + why.get()
                                + ". Change the parameter type or the dataset.");
                    }
                    continue;
                }
                int p = producer[inSlots[i][j]];
                if (p < 0 || nodes[p].outputs().size() != 1 || !nodes[p].outputComponents().isEmpty()) {
                    continue;
                }
                Type produced = nodes[p].returnType();
                if (produced != null && TypeChecks.provablyIncompatible(produced, declared)) {
                    throw new SluiceException("Node '" + nodes[p].name() + "' returns "
                            + TypeChecks.display(produced) + " into '" + slot.name() + "', but node '" + node.name()
                            + "' takes it as parameter " + (j + 1) + " of type " + TypeChecks.display(declared)
                            + ". Change one of the two types, or convert between them in a node.");
                }
            }
        }
    }

    /** The node names in execution order. */
    java.util.List<String> nodeNames() {
        String[] names = new String[nodes.length];
        for (int i = 0; i < names.length; i++) {
            names[i] = nodes[i].name();
        }
        return java.util.List.of(names);
    }

    /** The node producing slot {@code s}, or -1. */
    int producerOf(int s) {
        return producer[s];
    }

    /** The parents of node {@code i}. */
    int[] parents(int i) {
        return parents[i];
    }

    /**
     * The policy of {@code entry} for each node of this plan (null where no rule selects the
     * node), or null when its rules select none: resolved on the first run with that entry.
     */
    NodePolicy[] policyOf(RunnerEntry entry) {
        if (entry.policy().isEmpty()) {
            return null;
        }
        NodePolicy[] p = policies.computeIfAbsent(entry, e -> {
            NodePolicy[] resolved = e.policy().resolve(nodes, e.name());
            return resolved == null ? NONE_SELECTED : resolved;
        });
        return p.length == 0 ? null : p;
    }

    @Override
    public int size() {
        return nodes.length;
    }

    @Override
    public int[] children(int node) {
        return children[node];
    }

    @Override
    public int parentCount(int node) {
        return parents[node].length;
    }

    @Override
    public String nodeName(int node) {
        return nodes[node].name();
    }
}

/** What an {@code engine:} input's parameter type asks for. */
final class EngineInputs {
    private EngineInputs() {
    }

    /** Whether the parameter wants the {@link Engine} itself (to ping it, or to use it lazily). */
    static boolean isHandle(Type type) {
        Type raw = type instanceof java.lang.reflect.ParameterizedType p ? p.getRawType() : type;
        return raw == Engine.class;
    }
}

/** Conservative checks between declared types: only what the Java cast rules prove impossible. */
final class TypeChecks {
    private TypeChecks() {
    }

    /**
     * Whether no value of declared type {@code produced} can be passed as {@code consumed}: their
     * raw classes could never share an instance (as a cast between them would not compile), or,
     * for the same generic class, some pair of type arguments could not.
     */
    static boolean provablyIncompatible(Type produced, Type consumed) {
        Class<?> a = raw(produced);
        Class<?> b = raw(consumed);
        if (a == null || b == null || a == Object.class || b == Object.class || a == void.class || b == void.class) {
            return false;
        }
        if (unrelated(box(a), box(b))) {
            return true;
        }
        if (a == b && produced instanceof java.lang.reflect.ParameterizedType pa
                && consumed instanceof java.lang.reflect.ParameterizedType pb) {
            Type[] x = pa.getActualTypeArguments();
            Type[] y = pb.getActualTypeArguments();
            for (int k = 0; k < Math.min(x.length, y.length); k++) {
                if (provablyIncompatible(x[k], y[k])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unrelated(Class<?> a, Class<?> b) {
        if (a.isAssignableFrom(b) || b.isAssignableFrom(a)) {
            return false;
        }
        if (a.isInterface() && b.isInterface()) {
            return false;
        }
        if (a.isInterface()) {
            return java.lang.reflect.Modifier.isFinal(b.getModifiers());
        }
        if (b.isInterface()) {
            return java.lang.reflect.Modifier.isFinal(a.getModifiers());
        }
        return true;
    }

    /** The raw class of a class or parameterized type; null for type variables, wildcards and arrays of them. */
    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof java.lang.reflect.ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }

    private static Class<?> box(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }

    /** {@code List<Company>} rather than {@code java.util.List<com.acme.Company>}. */
    static String display(Type type) {
        if (type instanceof Class<?> c) {
            return c.isArray() ? display(c.getComponentType()) + "[]" : c.getSimpleName();
        }
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            StringBuilder sb = new StringBuilder(display(p.getRawType())).append('<');
            Type[] args = p.getActualTypeArguments();
            for (int k = 0; k < args.length; k++) {
                sb.append(k == 0 ? "" : ", ").append(display(args[k]));
            }
            return sb.append('>').toString();
        }
        if (type instanceof java.lang.reflect.WildcardType) {
            return "?";
        }
        return type.getTypeName();
    }
}
