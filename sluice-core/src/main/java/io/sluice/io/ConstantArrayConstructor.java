package io.sluice.io;

import java.lang.constant.ConstantDescs;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

/**
 * The template of {@link ArrayConstructor#of}'s hidden classes: each one defined from these bytes
 * holds its record's handle, its class data, in {@link #HANDLE}. Never loaded as itself (its
 * handle would be {@code null}).
 */
final class ConstantArrayConstructor implements ArrayConstructor {
    private static final MethodHandle HANDLE = handle();

    ConstantArrayConstructor() {
    }

    private static MethodHandle handle() {
        try {
            return MethodHandles.classData(MethodHandles.lookup(), ConstantDescs.DEFAULT_NAME, MethodHandle.class);
        } catch (IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Object construct(long[] longs, double[] doubles, Object[] texts) throws Throwable {
        return (Object) HANDLE.invokeExact(longs, doubles, texts);
    }
}
