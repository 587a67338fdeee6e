package io.sluice.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * A record constructor fed from three arrays, {@link RowMapper.Direct}'s
 * {@code (long[] longs, double[] doubles, Object[] texts)}, compiled like a {@code new} written in
 * Java.
 *
 * <p>Why not call the method handle: a handle held in an ordinary field is not a constant to the
 * JIT compiler, so each call walks its chain of adapters (array reads, argument moves, the
 * allocation) one indirect call at a time — a quarter of a warmed CSV load's time. A handle in a
 * {@code static final} field is a constant, and the compiler inlines the whole chain into the
 * caller. {@link #of} therefore defines, per record class, a hidden class from
 * {@link ConstantArrayConstructor}'s bytes with the handle as its class data, which that class
 * keeps in its {@code static final} field. Where that cannot be done (the class file is not
 * readable as a resource, e.g. in a native image), the handle is called as before.
 */
interface ArrayConstructor {
    /** The record of {@code longs[i]}, {@code doubles[i]} or {@code texts[i]} for component {@code i}. */
    Object construct(long[] longs, double[] doubles, Object[] texts) throws Throwable;

    /**
     * {@code handle}, of type {@code (long[], double[], Object[])Object}, as a constant call.
     */
    static ArrayConstructor of(MethodHandle handle) {
        MethodType type = MethodType.methodType(Object.class, long[].class, double[].class, Object[].class);
        if (!handle.type().equals(type)) {
            throw new IllegalArgumentException("not " + type + ": " + handle.type());
        }
        String template = ConstantArrayConstructor.class.getSimpleName() + ".class";
        try (InputStream in = ConstantArrayConstructor.class.getResourceAsStream(template)) {
            if (in != null) {
                MethodHandles.Lookup hidden = MethodHandles.lookup()
                        .defineHiddenClassWithClassData(in.readAllBytes(), handle, true);
                return (ArrayConstructor) hidden.findConstructor(hidden.lookupClass(),
                        MethodType.methodType(void.class)).invoke();
            }
        } catch (IOException | ReflectiveOperationException | LinkageError e) {
            // not definable here: call the handle
        } catch (Throwable e) {
            throw new IllegalStateException("cannot instantiate " + template, e);
        }
        return (longs, doubles, texts) -> (Object) handle.invokeExact(longs, doubles, texts);
    }
}
