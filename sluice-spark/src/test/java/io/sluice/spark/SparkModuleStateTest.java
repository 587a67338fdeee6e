package io.sluice.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule sluice-cli's ArchitectureTest applies to the modules it sees, for this one (which it
 * does not): no process-global mutable state in {@code io.sluice.spark}. Spark's own one
 * SparkContext per JVM is the engine's business, checked when it starts, not held in a static.
 */
class SparkModuleStateTest {

    @Test
    void noStaticFieldOfTheModuleHoldsMutableState() throws IOException, ReflectiveOperationException {
        Path classes = Path.of("target", "classes", "io", "sluice", "spark");
        List<String> problems = new ArrayList<>();
        int seen = 0;
        try (Stream<Path> files = Files.list(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = "io.sluice.spark." + f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(name, true, getClass().getClassLoader());
                seen++;
                for (Field field : c.getDeclaredFields()) {
                    int m = field.getModifiers();
                    if (!Modifier.isStatic(m) || field.isSynthetic() || c.isEnum() && field.getType() == c) {
                        continue;
                    }
                    if (!Modifier.isFinal(m)) {
                        problems.add(name + "." + field.getName() + " is static and not final");
                        continue;
                    }
                    field.setAccessible(true);
                    Object value = field.get(null);
                    String cls = value == null ? "" : value.getClass().getName();
                    boolean mutable = (value instanceof Collection<?> || value instanceof Map<?, ?>)
                            && !cls.startsWith("java.util.ImmutableCollections$")
                            && !cls.startsWith("java.util.Collections$Unmodifiable")
                            || value != null && (cls.startsWith("java.util.concurrent.") || value instanceof ThreadLocal<?>);
                    if (mutable) {
                        problems.add(name + "." + field.getName() + " holds a " + cls);
                    }
                }
            }
        }
        assertThat(seen).as("the module's classes were found").isGreaterThan(5);
        assertThat(problems).isEmpty();
    }
}
