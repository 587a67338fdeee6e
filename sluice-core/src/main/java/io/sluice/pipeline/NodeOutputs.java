package io.sluice.pipeline;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Splits a function's return value into the values of a node's outputs. */
final class NodeOutputs {

    /** Record component names and accessors, looked up once per record class. */
    private record Components(String[] names, Method[] accessors) {
        Object value(int i, Object record) {
            try {
                return accessors[i].invoke(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read record component " + names[i], e);
            } catch (InvocationTargetException e) {
                throw new NodeOutputException("Reading component '" + names[i] + "' of "
                        + record.getClass().getName() + " failed: " + e.getCause());
            }
        }

        int indexOf(String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }
    }

    private static final ClassValue<Components> COMPONENTS = new ClassValue<>() {
        @Override
        protected Components computeValue(Class<?> type) {
            RecordComponent[] rc = type.getRecordComponents();
            String[] names = new String[rc.length];
            Method[] acc = new Method[rc.length];
            for (int i = 0; i < rc.length; i++) {
                names[i] = rc[i].getName();
                acc[i] = rc[i].getAccessor();
                // Records declared package-private or nested in tests are common node outputs.
                acc[i].setAccessible(true);
            }
            return new Components(names, acc);
        }
    };

    private NodeOutputs() {
    }

    static Object[] align(Node node, Object result) {
        List<String> outputs = node.outputs();
        int n = outputs.size();
        if (n == 0) {
            return new Object[0];
        }
        List<String> keys = node.outputComponents();
        if (!keys.isEmpty()) {
            return named(node, keys, result);
        }
        if (n == 1) {
            return new Object[] {result};
        }
        return positional(node, n, result);
    }

    private static Object[] positional(Node node, int n, Object result) {
        if (result instanceof List<?> list) {
            if (list.size() == n) {
                return list.toArray();
            }
            throw mismatch(node, n + " positional values", "a List of " + list.size());
        }
        if (result instanceof Object[] array) {
            if (array.length == n) {
                return array.clone();
            }
            throw mismatch(node, n + " positional values", "an Object[] of " + array.length);
        }
        if (result != null && result.getClass().isRecord()) {
            Components c = COMPONENTS.get(result.getClass());
            if (c.names().length == n) {
                Object[] values = new Object[n];
                for (int i = 0; i < n; i++) {
                    values[i] = c.value(i, result);
                }
                return values;
            }
            throw mismatch(node, n + " positional values",
                    "record " + result.getClass().getSimpleName() + " with " + c.names().length + " components "
                            + Arrays.toString(c.names()));
        }
        throw mismatch(node, n + " positional values (a List, an Object[] or a record)", describe(result));
    }

    private static Object[] named(Node node, List<String> keys, Object result) {
        Object[] values = new Object[keys.size()];
        if (result instanceof Map<?, ?> map) {
            if (map.size() == keys.size() && map.keySet().containsAll(keys)) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = map.get(keys.get(i));
                }
                return values;
            }
            throw mismatch(node, "a Map with keys " + new TreeSet<>(keys), "a Map with keys " + sortedKeys(map));
        }
        if (result != null && result.getClass().isRecord()) {
            Components c = COMPONENTS.get(result.getClass());
            if (c.names().length == keys.size()) {
                boolean all = true;
                for (int i = 0; i < values.length && all; i++) {
                    int idx = c.indexOf(keys.get(i));
                    all = idx >= 0;
                    if (all) {
                        values[i] = c.value(idx, result);
                    }
                }
                if (all) {
                    return values;
                }
            }
            throw mismatch(node, "a record with components " + new TreeSet<>(keys),
                    "record " + result.getClass().getSimpleName() + " with components "
                            + new TreeSet<>(Arrays.asList(c.names())));
        }
        throw mismatch(node, "a Map or a record with keys " + new TreeSet<>(keys), describe(result));
    }

    private static List<String> sortedKeys(Map<?, ?> map) {
        List<String> keys = new ArrayList<>();
        for (Object k : map.keySet()) {
            keys.add(String.valueOf(k));
        }
        keys.sort(null);
        return keys;
    }

    private static String describe(Object result) {
        return result == null ? "null" : "a " + result.getClass().getName();
    }

    private static NodeOutputException mismatch(Node node, String expected, String got) {
        return new NodeOutputException("Node '" + node.name() + "' declares outputs " + node.outputs()
                + " and so expects its function " + node.function().qualifiedName() + " to return " + expected
                + ", but it returned " + got + ". Fix: return " + expected + " or change outputs(...).");
    }
}
