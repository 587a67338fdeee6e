package io.sluice.server;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.PrimitiveArrayDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON has no NaN and no infinity, so the server never lets one cross it silently, either way.
 *
 * <p>In: a number too large for the type it binds to ({@code 1e400} for a {@code double},
 * {@code 1e39} for a {@code float}) would become an infinity; it is refused (422), like an
 * {@code int} out of range. The {@link #module()} does this for {@code double}, {@code float},
 * their boxes and their arrays, wherever they appear in a declared type.
 *
 * <p>Out: an output holding NaN or an infinity is refused (500, naming the output, the value and
 * where in the output it is) rather than written as a bare {@code NaN} (not JSON) or as the string
 * {@code "NaN"} (a silently changed type): a client that reads a number must not find a string, and
 * a careful pipeline wants to hear that it produced one. {@link #refusing(JsonGenerator)} wraps the
 * generator that writes outputs.
 */
final class FiniteNumbers {
    private FiniteNumbers() {
    }

    /** Deserializers of {@code double}, {@code float}, their boxes and arrays that refuse non-finite results. */
    static SimpleModule module() {
        SimpleModule m = new SimpleModule("sluice-finite-numbers");
        m.addDeserializer(Double.class, new FiniteDouble(Double.class, null));
        m.addDeserializer(double.class, new FiniteDouble(double.class, 0d));
        m.addDeserializer(Float.class, new FiniteFloat(Float.class, null));
        m.addDeserializer(float.class, new FiniteFloat(float.class, 0f));
        m.addDeserializer(double[].class, new FiniteArray<>(double[].class));
        m.addDeserializer(float[].class, new FiniteArray<>(float[].class));
        return m;
    }

    /** A number of the request too large for the Java type it binds to. */
    static final class OutOfRange extends JsonMappingException {
        final String type;

        OutOfRange(JsonParser p, String type, String max) {
            super(p, "expected a number within the range of a " + type + " (" + max + "), got one beyond it");
            this.type = type;
        }
    }

    private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
        FiniteDouble(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double d = super.deserialize(p, ctxt);
            if (d != null && !Double.isFinite(d)) {
                throw new OutOfRange(p, "double", "±1.8E308");
            }
            return d;
        }
    }

    private static final class FiniteFloat extends NumberDeserializers.FloatDeserializer {
        FiniteFloat(Class<Float> type, Float nullValue) {
            super(type, nullValue);
        }

        @Override
        public Float deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Float f = super.deserialize(p, ctxt);
            if (f != null && !Float.isFinite(f)) {
                throw new OutOfRange(p, "float", "±3.4E38");
            }
            return f;
        }
    }

    /** {@code double[]} or {@code float[]}: Jackson's own reader, then every element checked. */
    private static final class FiniteArray<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final JsonDeserializer<?> standard;

        FiniteArray(Class<T> type) {
            this.type = type;
            this.standard = PrimitiveArrayDeserializers.forType(type.getComponentType());
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T array = type.cast(standard.deserialize(p, ctxt));
            if (array instanceof double[] ds) {
                for (double d : ds) {
                    if (!Double.isFinite(d)) {
                        throw new OutOfRange(p, "double", "±1.8E308");
                    }
                }
            } else if (array instanceof float[] fs) {
                for (float f : fs) {
                    if (!Float.isFinite(f)) {
                        throw new OutOfRange(p, "float", "±3.4E38");
                    }
                }
            }
            return array;
        }

        @Override
        public Class<?> handledType() {
            return type;
        }
    }

    /** {@code g}, refusing to write NaN or an infinity; what it writes otherwise is unchanged. */
    static JsonGenerator refusing(JsonGenerator g) {
        return new Refusing(g);
    }

    /**
     * NaN or an infinity met while writing an output.
     *
     * @param value the number as Java writes it ({@code NaN}, {@code Infinity}, {@code -Infinity})
     * @param path  where in the output: {@code [0].value}, or empty for the output itself
     */
    static final class NonFinite extends JsonGenerationException {
        final String value;
        final String path;

        NonFinite(JsonGenerator g, String value, String path) {
            super("non-finite number " + value + (path.isEmpty() ? "" : " at " + path), g);
            this.value = value;
            this.path = path;
        }
    }

    private static final class Refusing extends JsonGeneratorDelegate {
        /** The context the output's own value is written in: paths are told from there. */
        private final JsonStreamContext base;

        Refusing(JsonGenerator g) {
            super(g, false); // false: writeObject serialises through this generator, so every number passes here
            this.base = g.getOutputContext();
        }

        @Override
        public void writeNumber(double v) throws IOException {
            if (!Double.isFinite(v)) {
                throw nonFinite(Double.toString(v), -1);
            }
            super.writeNumber(v);
        }

        @Override
        public void writeNumber(float v) throws IOException {
            if (!Float.isFinite(v)) {
                throw nonFinite(Float.toString(v), -1);
            }
            super.writeNumber(v);
        }

        @Override
        public void writeNumber(String encoded) throws IOException {
            if (encoded != null && (encoded.contains("NaN") || encoded.contains("Infinity"))) {
                throw nonFinite(encoded, -1);
            }
            super.writeNumber(encoded);
        }

        @Override
        public void writeArray(double[] array, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                if (!Double.isFinite(array[i])) {
                    throw nonFinite(Double.toString(array[i]), i - offset);
                }
            }
            super.writeArray(array, offset, length);
        }

        private NonFinite nonFinite(String value, int element) {
            List<String> steps = new ArrayList<>();
            if (element >= 0) {
                steps.add("[" + element + "]");
            }
            JsonStreamContext innermost = getOutputContext();
            for (JsonStreamContext c = innermost; c != null && c != base; c = c.getParent()) {
                // in the innermost array the number is the next entry, not yet counted; in the
                // enclosing ones the entry being written has been counted already
                steps.add(c.inArray() ? "[" + (c == innermost ? c.getEntryCount() : c.getCurrentIndex()) + "]"
                        : "." + c.getCurrentName());
            }
            StringBuilder path = new StringBuilder();
            for (int i = steps.size() - 1; i >= 0; i--) {
                path.append(steps.get(i));
            }
            return new NonFinite(this, value, path.toString());
        }
    }
}
