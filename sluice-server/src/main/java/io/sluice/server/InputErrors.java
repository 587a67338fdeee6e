package io.sluice.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's binding errors into messages that name the field the way the client wrote it
 * ({@code inputs.features[0].engines: expected an integer, got "abc"}) and say what was expected,
 * without Java class names or Jackson's advice about annotations.
 */
final class InputErrors {
    private static final Pattern MISSING_CREATOR = Pattern.compile("Missing required creator property '([^']*)'");

    private InputErrors() {
    }

    /**
     * The message for a failure to bind {@code value} (written at {@code field}, e.g.
     * {@code inputs.features}) to a Java type.
     */
    static String describe(String field, JsonNode value, JsonProcessingException e) {
        List<Object> path = path(e);
        String where = field + render(path);
        JsonNode got = locate(value, path);
        if (e instanceof UnrecognizedPropertyException u) {
            String parent = field + render(path.subList(0, Math.max(0, path.size() - 1)));
            TreeSet<String> known = new TreeSet<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            return parent + ": unknown field '" + u.getPropertyName() + "'; known fields: " + known;
        }
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return where + ": " + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
        if (e instanceof MismatchedInputException m) {
            Matcher missing = MISSING_CREATOR.matcher(String.valueOf(m.getOriginalMessage()));
            if (missing.find()) {
                // Depending on the version, Jackson's path ends at the record or at the field.
                List<Object> parentPath = path;
                if (!path.isEmpty() && missing.group(1).equals(path.get(path.size() - 1))) {
                    parentPath = path.subList(0, path.size() - 1);
                }
                return field + render(parentPath) + "." + missing.group(1) + ": required field is missing";
            }
            if (got == null && !path.isEmpty() && path.get(path.size() - 1) instanceof String) {
                return where + ": required field is missing"; // a primitive component left out
            }
            return where + ": expected " + expected(m.getTargetType()) + ", got " + Json.show(got);
        }
        if (e instanceof InputCoercionException c) {
            return where + ": expected " + expected(c.getTargetType()) + " in range, got " + Json.show(got);
        }
        String message = e.getOriginalMessage();
        return where + ": " + (message != null ? message : e.toString());
    }

    /** Field names (String) and indices (Integer) from the root of the bound value to the error. */
    private static List<Object> path(JsonProcessingException e) {
        List<Object> out = new ArrayList<>();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    out.add(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    out.add(r.getIndex());
                }
            }
            return out;
        }
        return e.getProcessor() instanceof JsonParser p ? path(p) : out;
    }

    /** Field names (String) and indices (Integer) from the root of what {@code p} reads to where it is. */
    static List<Object> path(JsonParser p) {
        List<Object> reversed = new ArrayList<>();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                reversed.add(c.getCurrentName());
            } else if (c.inArray()) {
                reversed.add(Math.max(0, c.getCurrentIndex()));
            }
        }
        List<Object> out = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            out.add(reversed.get(i));
        }
        return out;
    }

    static String render(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object p : path) {
            if (p instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else {
                sb.append('.').append(p);
            }
        }
        return sb.toString();
    }

    private static JsonNode locate(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object p : path) {
            if (n == null) {
                return null;
            }
            n = p instanceof Integer i ? n.get(i) : n.get((String) p);
        }
        return n;
    }

    /** What a JSON value of a Java type looks like: "an integer", "a date (YYYY-MM-DD)"... */
    static String expected(Class<?> c) {
        if (c == null || c == Object.class) {
            return "a value";
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class
                || c == Short.class || c == byte.class || c == Byte.class || c == BigInteger.class) {
            return "an integer";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class
                || c == BigDecimal.class || Number.class.isAssignableFrom(c)) {
            return "a number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "a boolean";
        }
        if (c == String.class || CharSequence.class.isAssignableFrom(c) || c == char.class
                || c == Character.class) {
            return "a string";
        }
        if (c.isEnum()) {
            return "one of " + Arrays.toString(c.getEnumConstants());
        }
        if (c == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (c == LocalDateTime.class) {
            return "a local date-time (YYYY-MM-DDThh:mm:ss)";
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
            return "a date-time with offset (YYYY-MM-DDThh:mm:ssZ)";
        }
        if (c == LocalTime.class) {
            return "a time (hh:mm:ss)";
        }
        if (c == Duration.class) {
            return "an ISO-8601 duration (e.g. PT5S)";
        }
        if (c == UUID.class) {
            return "a UUID";
        }
        if (c == URI.class) {
            return "a URI";
        }
        if (c.isArray() || Collection.class.isAssignableFrom(c)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(c) || c.isRecord()) {
            return "an object";
        }
        return "an object";
    }
}
