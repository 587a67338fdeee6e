package io.sluice.datasets.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectStreamClass;

/**
 * An {@link ObjectInputStream} that resolves classes through the thread's context class loader
 * first: in a framework the default (the "latest user-defined loader" on the stack) is often not
 * the one that sees the project's classes. Used by the datasets that read Java serialization
 * ({@code serialized}, {@code model} with {@code format: java}).
 */
public final class ContextObjectInputStream extends ObjectInputStream {
    /** Reads serialized objects from {@code in}. */
    public ContextObjectInputStream(InputStream in) throws IOException {
        super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(desc.getName(), false, context);
            } catch (ClassNotFoundException e) {
                // fall back to the default resolution (primitives, the caller's loader)
            }
        }
        return super.resolveClass(desc);
    }
}
