package io.sluice.io;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@link ObjectMapper#convertValue(Object, JavaType)} for the plain trees parameters are made of
 * (maps with string keys, lists, strings, booleans, {@code Integer}, {@code Long}, {@code Double}
 * and nulls): writes the tokens Jackson's own serializers would write for them into the same kind
 * of buffer and reads it back the same way, so the result and the errors are the same.
 *
 * <p>Why: {@code convertValue} looks up a serializer for each value's class, and for
 * {@code Double} that means introspecting the class — its methods' annotations parsed and proxy
 * classes spun — about a tenth of the CPU a one-off {@code sluice run} spends before its first
 * node. Any other value takes {@code convertValue} itself.
 */
final class PlainConversion {
    private PlainConversion() {
    }

    /** {@code mapper.convertValue(value, type)}, without the serializer lookups when {@code value} is plain. */
    static Object convert(ObjectMapper mapper, Object value, JavaType type) {
        if (!plain(value)) {
            return mapper.convertValue(value, type);
        }
        // As convertValue does: a buffer with the mapper as codec, read back by the mapper, an
        // I/O failure (a mismatch, an unknown field) surfacing as IllegalArgumentException.
        TokenBuffer buffer = new TokenBuffer(mapper, false);
        try {
            write(buffer, value);
            return mapper.readValue(buffer.asParser(), type);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Whether {@code value} holds only what {@link #write} writes as Jackson's serializers would. */
    static boolean plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double) {
            return true;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !plain(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (!plain(item)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** The tokens of MapSerializer, IndexedListSerializer and the scalar serializers, in their order. */
    private static void write(TokenBuffer out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String s) {
            out.writeString(s);
        } else if (value instanceof Boolean b) {
            out.writeBoolean(b);
        } else if (value instanceof Integer i) {
            out.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            out.writeNumber(l.longValue());
        } else if (value instanceof Double d) {
            out.writeNumber(d.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            out.writeStartObject(map);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.writeFieldName((String) e.getKey());
                write(out, e.getValue());
            }
            out.writeEndObject();
        } else {
            List<?> list = (List<?>) value;
            out.writeStartArray(list, list.size());
            for (Object item : list) {
                write(out, item);
            }
            out.writeEndArray();
        }
    }
}
