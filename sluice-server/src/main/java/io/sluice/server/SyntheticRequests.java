package io.sluice.server;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.session.PipelineDescription;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Run request bodies made up for a pipeline's warm-up from the declared types of its required
 * inputs, the ones {@link TypeSchemas} describes: {@code {"inputs": {...}}} with a value of each
 * type, different from body to body and the same for the same seed; every other body also names
 * the outputs returned by default ({@code "outputs": [...]}), the other shape clients send, which
 * the session compiles a plan of its own for. Numbers are small and
 * positive, strings word-like, dates recent, lists and maps have 1 to 4 entries, records every
 * property, enums any of their constants; every value is written by the server's own
 * mapper ({@link Json#MAPPER}) so that its request binding reads it back. A type nothing reliable
 * can be made of ({@code Object}, an interface, an abstract class outside collections and maps)
 * makes the pipeline {@link Unsupported}: its warm-up then needs recorded examples.
 */
final class SyntheticRequests {
    /** Containers deeper than this are empty, records deeper than this null. */
    private static final int MAX_DEPTH = 6;
    private static final List<String> WORDS = List.of("alpha", "bravo", "delta", "falcon", "harbor", "juniper", "kilo",
            "meridian", "nova", "orbit", "quartz", "sierra", "tango", "vector", "zephyr");
    private static final LocalDate EPOCH = LocalDate.of(2020, 1, 1);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SplittableRandom random;

    /** A type of a required input that no value can be made up for; the message names both. */
    static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message);
        }
    }

    private SyntheticRequests(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /**
     * {@code count} bodies for {@code description}'s pipeline, made from {@code seed}.
     *
     * @throws Unsupported when a required input's type is one no value can be made up for
     */
    static List<byte[]> bodies(PipelineDescription description, int count, long seed) throws Unsupported {
        List<PipelineDescription.Input> required = description.inputs().stream()
                .filter(PipelineDescription.Input::required).toList();
        for (PipelineDescription.Input input : required) {
            String problem = unsupported(Json.MAPPER.getTypeFactory().constructType(input.type()), new HashSet<>());
            if (problem != null) {
                throw new Unsupported("input '" + input.name() + "' is declared as " + input.type().getTypeName()
                        + (problem.isEmpty() ? "" : " (" + problem + ")") + ", of which no value can be made up");
            }
        }
        List<String> returned = description.outputs().stream().filter(PipelineDescription.Output::returnedByDefault)
                .map(PipelineDescription.Output::name).toList();
        SyntheticRequests values = new SyntheticRequests(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ObjectNode body = Json.object();
            ObjectNode inputs = body.putObject("inputs");
            for (PipelineDescription.Input input : required) {
                inputs.set(input.name(), values.value(Json.MAPPER.getTypeFactory().constructType(input.type()), 0,
                        new HashSet<>()));
            }
            if (i % 2 == 1 && !returned.isEmpty()) { // the other usual shape: the same outputs, named
                returned.forEach(body.putArray("outputs")::add);
            }
            out.add(Json.bytes(body));
        }
        return out;
    }

    /** Why no value of {@code type} can be made: "" for the type itself, the part otherwise; null when one can. */
    private static String unsupported(JavaType type, Set<Class<?>> inProgress) {
        Class<?> c = type.getRawClass();
        if (type.isReferenceType()) {
            return unsupported(type.getReferencedType(), inProgress);
        }
        if (isScalar(c) || c.isEnum()) {
            return null;
        }
        if (type.isArrayType() || type.isCollectionLikeType() || type.isMapLikeType()) {
            String inner = unsupported(type.getContentType(), inProgress);
            return inner == null ? null : inner.isEmpty() ? "its items are " + type.getContentType().getRawClass()
                    .getSimpleName() : inner;
        }
        if (c == Object.class || c.isInterface() || Modifier.isAbstract(c.getModifiers())
                || c.getName().startsWith("java.") || c.getName().startsWith("javax.")) {
            return "";
        }
        if (!inProgress.add(c)) {
            return null; // a record that contains itself: null at the second occurrence
        }
        for (BeanPropertyDefinition p : properties(type)) {
            String inner = unsupported(p.getPrimaryType(), inProgress);
            if (inner != null) {
                inProgress.remove(c);
                return inner.isEmpty() ? "its property '" + p.getName() + "' is "
                        + p.getPrimaryType().getRawClass().getSimpleName() : inner;
            }
        }
        inProgress.remove(c);
        return null;
    }

    private static boolean isScalar(Class<?> c) {
        return c.isPrimitive() && c != void.class || c == Boolean.class || c == Character.class
                || Number.class.isAssignableFrom(c) && (c.getName().startsWith("java.lang.") || c == BigDecimal.class
                || c == BigInteger.class)
                || c == String.class || c == CharSequence.class || c == LocalDate.class || c == LocalDateTime.class
                || c == LocalTime.class || c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class
                || c == Duration.class || c == UUID.class || c == URI.class;
    }

    private static List<BeanPropertyDefinition> properties(JavaType type) {
        BeanDescription bean = Json.MAPPER.getDeserializationConfig().introspect(type);
        return bean.findProperties();
    }

    private JsonNode value(JavaType type, int depth, Set<Class<?>> inProgress) {
        Class<?> c = type.getRawClass();
        if (type.isReferenceType()) { // Optional<T>
            return value(type.getReferencedType(), depth, inProgress);
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return write(constants[random.nextInt(constants.length)]);
        }
        if (isScalar(c)) {
            return scalar(c);
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            ArrayNode items = NODES.arrayNode();
            int n = depth >= MAX_DEPTH ? 0 : 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                items.add(value(type.getContentType(), depth + 1, inProgress));
            }
            return items;
        }
        if (type.isMapLikeType()) {
            ObjectNode entries = NODES.objectNode();
            int n = depth >= MAX_DEPTH ? 0 : 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                entries.set(key(type.getKeyType(), i), value(type.getContentType(), depth + 1, inProgress));
            }
            return entries;
        }
        if (depth >= MAX_DEPTH || !inProgress.add(c)) {
            return NullNode.getInstance();
        }
        ObjectNode object = NODES.objectNode();
        for (BeanPropertyDefinition p : properties(type)) {
            object.set(p.getName(), value(p.getPrimaryType(), depth + 1, inProgress));
        }
        inProgress.remove(c);
        return object;
    }

    /** The {@code i}-th key of a map whose keys are of {@code type}. */
    private String key(JavaType type, int i) {
        Class<?> c = type.getRawClass();
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return write(constants[(i + random.nextInt(constants.length)) % constants.length]).asText();
        }
        if (Number.class.isAssignableFrom(c) || c.isPrimitive()) {
            return Integer.toString(i + 1);
        }
        if (c == LocalDate.class) {
            return EPOCH.plusDays(i).toString();
        }
        return word() + "_" + (i + 1);
    }

    private JsonNode scalar(Class<?> c) {
        if (c == boolean.class || c == Boolean.class) {
            return NODES.booleanNode(random.nextBoolean());
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == BigInteger.class) {
            return NODES.numberNode(random.nextInt(100));
        }
        if (c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            return NODES.numberNode((short) random.nextInt(100));
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class
                || Number.class.isAssignableFrom(c)) {
            // two decimals, never a whole number: a double declared is sent as one
            return NODES.numberNode(random.nextInt(100_000) / 100.0 + 0.01);
        }
        if (c == char.class || c == Character.class) {
            return NODES.textNode(String.valueOf((char) ('a' + random.nextInt(26))));
        }
        if (c == String.class || c == CharSequence.class) {
            return NODES.textNode(word() + "-" + random.nextInt(1000));
        }
        LocalDateTime moment = EPOCH.atStartOfDay().plusMinutes(random.nextInt(6 * 365 * 24 * 60));
        Object value;
        if (c == LocalDate.class) {
            value = moment.toLocalDate();
        } else if (c == LocalDateTime.class) {
            value = moment;
        } else if (c == LocalTime.class) {
            value = moment.toLocalTime();
        } else if (c == Instant.class) {
            value = moment.toInstant(ZoneOffset.UTC);
        } else if (c == OffsetDateTime.class) {
            value = moment.atOffset(ZoneOffset.UTC);
        } else if (c == ZonedDateTime.class) {
            value = moment.atZone(ZoneOffset.UTC);
        } else if (c == Duration.class) {
            value = Duration.ofSeconds(1 + random.nextInt(3600));
        } else if (c == UUID.class) {
            value = new UUID(random.nextLong(), random.nextLong());
        } else {
            value = URI.create("https://example.com/" + word() + "/" + random.nextInt(1000));
        }
        return write(value);
    }

    private String word() {
        return WORDS.get(random.nextInt(WORDS.size()));
    }

    /** {@code value} as the server's mapper writes it, which is what its request binding reads. */
    private static JsonNode write(Object value) {
        return Json.MAPPER.valueToTree(value);
    }
}
