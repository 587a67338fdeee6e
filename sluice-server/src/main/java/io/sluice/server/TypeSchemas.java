package io.sluice.server;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
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
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * JSON Schemas (the OpenAPI 3.0 dialect) of the Java types nodes declare, so that clients see
 * what a pipeline's inputs and outputs look like: records and beans become objects with their
 * Jackson properties (every record component is required, since requests are bound with
 * {@code FAIL_ON_MISSING_CREATOR_PROPERTIES}), collections and arrays become arrays, maps objects
 * with {@code additionalProperties}, numbers {@code integer}/{@code number}, {@code java.time}
 * values strings with a format. Schemas are inlined; a type that contains itself is cut to a
 * plain object at the second occurrence. Computed once per pipeline when the server starts.
 */
final class TypeSchemas {
    private TypeSchemas() {
    }

    static ObjectNode of(Type type) {
        if (type == null) {
            return Json.object();
        }
        return of(Json.MAPPER.getTypeFactory().constructType(type), new HashSet<>());
    }

    private static ObjectNode of(JavaType type, Set<Class<?>> inProgress) {
        ObjectNode s = Json.object();
        Class<?> c = type.getRawClass();
        if (c == Object.class || c == Void.class || c == void.class) {
            return s;
        }
        if (type.isReferenceType()) { // Optional<T>, AtomicReference<T>
            ObjectNode inner = of(type.getReferencedType(), inProgress);
            inner.put("nullable", true);
            return inner;
        }
        if (c == boolean.class || c == Boolean.class) {
            return s.put("type", "boolean");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class
                || c == Byte.class) {
            return s.put("type", "integer").put("format", "int32");
        }
        if (c == long.class || c == Long.class) {
            return s.put("type", "integer").put("format", "int64");
        }
        if (c == BigInteger.class) {
            return s.put("type", "integer");
        }
        if (c == double.class || c == Double.class) {
            return s.put("type", "number").put("format", "double");
        }
        if (c == float.class || c == Float.class) {
            return s.put("type", "number").put("format", "float");
        }
        if (c == BigDecimal.class || Number.class.isAssignableFrom(c)) {
            return s.put("type", "number");
        }
        if (c == String.class || CharSequence.class.isAssignableFrom(c) || c == char.class
                || c == Character.class) {
            return s.put("type", "string");
        }
        if (c.isEnum()) {
            s.put("type", "string");
            ArrayNode values = s.putArray("enum");
            for (Object constant : c.getEnumConstants()) {
                values.add(((Enum<?>) constant).name());
            }
            return s;
        }
        if (c == LocalDate.class) {
            return s.put("type", "string").put("format", "date");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
            return s.put("type", "string").put("format", "date-time");
        }
        if (c == LocalDateTime.class) {
            return s.put("type", "string").put("format", "local-date-time")
                    .put("example", "2026-01-31T12:00:00");
        }
        if (c == LocalTime.class) {
            return s.put("type", "string").put("format", "time").put("example", "12:00:00");
        }
        if (c == Duration.class) {
            return s.put("type", "string").put("format", "duration").put("example", "PT5S");
        }
        if (c == UUID.class) {
            return s.put("type", "string").put("format", "uuid");
        }
        if (c == URI.class) {
            return s.put("type", "string").put("format", "uri");
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            s.put("type", "array");
            s.set("items", of(type.getContentType(), inProgress));
            return s;
        }
        if (type.isMapLikeType()) {
            s.put("type", "object");
            JavaType content = type.getContentType();
            s.set("additionalProperties", content.getRawClass() == Object.class ? Json.MAPPER.getNodeFactory()
                    .booleanNode(true) : of(content, inProgress));
            return s;
        }
        if (c.isInterface() || java.lang.reflect.Modifier.isAbstract(c.getModifiers())
                || c.getName().startsWith("java.") || c.getName().startsWith("javax.")) {
            return s; // nothing reliable to say
        }
        s.put("type", "object");
        if (!inProgress.add(c)) {
            return s;
        }
        BeanDescription bean = type.isRecordType()
                ? Json.MAPPER.getDeserializationConfig().introspect(type)
                : Json.MAPPER.getSerializationConfig().introspect(type);
        ObjectNode properties = s.putObject("properties");
        ArrayNode required = Json.MAPPER.createArrayNode();
        for (BeanPropertyDefinition p : bean.findProperties()) {
            properties.set(p.getName(), of(p.getPrimaryType(), inProgress));
            if (type.isRecordType()) {
                required.add(p.getName());
            }
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        s.put("additionalProperties", false);
        inProgress.remove(c);
        return s;
    }
}
