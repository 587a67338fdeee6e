package io.sluice.pipeline;

import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * What Sluice knows about one node function class: its {@link FunctionRef} and, on demand, the
 * generic parameter and return types of the implementing method.
 *
 * <p>Cached per function class: every evaluation of the same lambda expression or method
 * reference yields an instance of the same class, so a pipeline of 100,000 nodes built from one
 * lambda reads its {@code SerializedLambda} once. The reflective {@code Method} lookup is
 * deferred until someone asks for types, because building nodes must stay cheap.
 */
final class FunctionInfo {

    /** Filled lazily from the first instance seen, because ClassValue only hands us the class. */
    private static final class Holder {
        volatile FunctionInfo info;
    }

    private static final ClassValue<Holder> CACHE = new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
            return new Holder();
        }
    };

    private record Types(Type[] parameters, Type returnType) {
    }

    final FunctionRef ref;
    /** The method part of default node names: the method name, or {@code Type::new} for constructors. */
    final String displayName;
    private final int arity;
    private final String instantiatedType;
    private final ClassLoader loader;
    private volatile Types types;

    private FunctionInfo(FunctionRef ref, int arity, String instantiatedType, ClassLoader loader) {
        this.ref = ref;
        this.arity = arity;
        this.instantiatedType = instantiatedType;
        this.loader = loader;
        this.displayName = ref.methodName().equals("<init>") ? simpleName(ref.className()) + "::new"
                : ref.methodName();
    }

    static FunctionInfo of(Object fn, int arity) {
        Holder h = CACHE.get(fn.getClass());
        FunctionInfo info = h.info;
        if (info == null) {
            // A benign race: two threads may both describe the class; the results are equal.
            info = describe(fn, arity);
            h.info = info;
        }
        return info;
    }

    Type[] parameterTypes() {
        return resolved().parameters().clone();
    }

    Type returnType() {
        return resolved().returnType();
    }

    private static FunctionInfo describe(Object fn, int arity) {
        Class<?> type = fn.getClass();
        ClassLoader loader = type.getClassLoader();
        SerializedLambda sl = serializedLambda(fn);
        if (sl != null) {
            FunctionRef ref = new FunctionRef(sl.getImplClass().replace('/', '.'), sl.getImplMethodName(),
                    sl.getImplMethodSignature());
            return new FunctionInfo(ref, arity, sl.getInstantiatedMethodType(), loader);
        }
        // A class implementing Fn.Fx directly: its own apply method is the function.
        Method apply = applyMethod(type, arity);
        String descriptor = apply == null ? "" : MethodType.methodType(apply.getReturnType(),
                apply.getParameterTypes()).toMethodDescriptorString();
        return new FunctionInfo(new FunctionRef(type.getName(), "apply", descriptor), arity, null, loader);
    }

    private static SerializedLambda serializedLambda(Object fn) {
        try {
            Method writeReplace = fn.getClass().getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replaced = writeReplace.invoke(fn);
            return replaced instanceof SerializedLambda sl ? sl : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Method applyMethod(Class<?> type, int arity) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("apply") && m.getParameterCount() == arity && !m.isBridge()
                        && !m.isSynthetic() && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
            }
        }
        return null;
    }

    private Types resolved() {
        Types t = types;
        if (t == null) {
            t = resolve();
            types = t;
        }
        return t;
    }

    private Types resolve() {
        try {
            Class<?> owner = Class.forName(ref.className(), false, loader);
            Executable exec = find(owner);
            if (exec != null) {
                return typesOf(owner, exec);
            }
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            // fall through to the erased types below
        }
        return erasedTypes();
    }

    private Executable find(Class<?> owner) {
        if (ref.methodName().equals("<init>")) {
            for (Constructor<?> c : owner.getDeclaredConstructors()) {
                if (descriptor(c.getParameterTypes(), void.class).equals(ref.descriptor())) {
                    return c;
                }
            }
            return null;
        }
        for (Method m : owner.getDeclaredMethods()) {
            if (m.getName().equals(ref.methodName())
                    && descriptor(m.getParameterTypes(), m.getReturnType()).equals(ref.descriptor())) {
                return m;
            }
        }
        return null;
    }

    private Types typesOf(Class<?> owner, Executable exec) {
        Type[] declared = exec.getGenericParameterTypes();
        if (declared.length != exec.getParameterCount()) {
            // Inner-class constructors may omit synthetic parameters from the generic view.
            declared = exec.getParameterTypes();
        }
        boolean receiverFirst = !(exec instanceof Constructor<?>) && !Modifier.isStatic(exec.getModifiers());
        Type[] all = declared;
        if (receiverFirst) {
            // An unbound instance reference (String::length) takes its receiver as first input.
            all = new Type[declared.length + 1];
            all[0] = owner;
            System.arraycopy(declared, 0, all, 1, declared.length);
        }
        // Captured values (a bound receiver, a lambda's captured variables) come first; the
        // node's inputs are the trailing parameters.
        Type[] params = all.length >= arity ? Arrays.copyOfRange(all, all.length - arity, all.length)
                : erasedTypes().parameters();
        Type ret = exec instanceof Method m ? m.getGenericReturnType() : owner;
        return new Types(params, ret);
    }

    private Types erasedTypes() {
        if (instantiatedType != null) {
            try {
                MethodType mt = MethodType.fromMethodDescriptorString(instantiatedType, loader);
                if (mt.parameterCount() == arity) {
                    return new Types(mt.parameterArray(), mt.returnType());
                }
            } catch (IllegalArgumentException | TypeNotPresentException | SecurityException e) {
                // fall through
            }
        }
        Type[] params = new Type[arity];
        Arrays.fill(params, Object.class);
        return new Types(params, Object.class);
    }

    private static String descriptor(Class<?>[] params, Class<?> ret) {
        return MethodType.methodType(ret, params).toMethodDescriptorString();
    }

    private static String simpleName(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }
}
