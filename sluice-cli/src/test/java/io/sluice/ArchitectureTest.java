package io.sluice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules over the production classes of every module this one sees (core, datasets, s3, server, viz, deploy, cli):
 * the package layering and the absence of process-global mutable state. They live here because
 * sluice-cli is the module whose class path holds all the others.
 */
class ArchitectureTest {

    /**
     * The packages from the bottom up: each may use the packages listed before it, never one after
     * it. {@code io.sluice} is the root package alone (its exception type); a {@code ..} entry
     * covers its subpackages too.
     */
    static final List<String> LAYERS = List.of(
            "io.sluice",
            "io.sluice.config..",
            "io.sluice.pipeline..",
            "io.sluice.run..",
            "io.sluice.group..",
            "io.sluice.resource..",
            "io.sluice.engine..",
            "io.sluice.lease..",
            "io.sluice.io..",
            "io.sluice.hooks..",
            "io.sluice.runner..",
            "io.sluice.journal..",
            "io.sluice.project..",
            "io.sluice.session..",
            "io.sluice.launch..",
            "io.sluice.datasets..",
            "io.sluice.s3..",
            "io.sluice.server..",
            "io.sluice.viz..",
            "io.sluice.deploy..",
            "io.sluice.temporal..",
            "io.sluice.cli..",
            "io.sluice.maven.."); // sluice-maven-plugin: not on this module's class path (it depends on the CLI)

    /**
     * Static fields that hold mutable objects on purpose, each with the reason it is not
     * process-global state. Anything else mutable in a static field fails the test.
     */
    static final Map<String, String> ALLOWED_MUTABLE_STATICS = Map.ofEntries(
            Map.entry("io.sluice.run.RunContext.CURRENT", "the thread-local fallback for user code that cannot "
                    + "receive the run context (documented); Sluice's own code passes the context explicitly"),
            Map.entry("io.sluice.run.RunIds.HEX", "a lookup table, never written"),
            Map.entry("io.sluice.lease.Leases.TABLE", "the data this process holds leases on: operating-system "
                    + "file locks belong to the process and the JVM holds one per file, so every session shares it"),
            Map.entry("io.sluice.server.RunResponses.HEX", "a lookup table, never written"));

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sluice");
        assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .as("every module's classes were imported")
                .contains("io.sluice.run", "io.sluice.session", "io.sluice.datasets.sql", "io.sluice.server",
                        "io.sluice.cli", "io.sluice.s3", "io.sluice.viz");
    }

    static List<String> layers() {
        return LAYERS;
    }

    @ParameterizedTest(name = "{0} uses no package above it")
    @MethodSource("layers")
    void noPackageUsesAPackageAboveIt(String layer) {
        List<String> above = LAYERS.subList(LAYERS.indexOf(layer) + 1, LAYERS.size());
        noClasses().that().resideInAPackage(layer)
                .should().dependOnClassesThat().resideInAnyPackage(above.toArray(new String[0]))
                .allowEmptyShould(true) // a layer may be empty for a while (io.sluice.resource until engines land)
                .because("a package may only use the packages below it (see LAYERS); the run context and ids "
                        + "live in io.sluice.run so that io and hooks need not reach up to the session")
                .check(classes);
    }

    @Test
    void theDatasetPackagesHaveNoCycles() {
        SlicesRuleDefinition.slices().matching("io.sluice.datasets.(*)..").should().beFreeOfCycles()
                .check(classes);
    }

    @Test
    void everyClassBelongsToALayer() {
        Set<String> outside = new TreeSet<>();
        for (JavaClass c : classes) {
            if (LAYERS.stream().noneMatch(layer -> inLayer(c.getPackageName(), layer))) {
                outside.add(c.getPackageName());
            }
        }
        assertThat(outside).as("packages missing from LAYERS: add them where they belong").isEmpty();
    }

    private static boolean inLayer(String pkg, String layer) {
        if (!layer.endsWith("..")) {
            return pkg.equals(layer);
        }
        String base = layer.substring(0, layer.length() - 2);
        return pkg.equals(base) || pkg.startsWith(base + ".");
    }

    /**
     * No process-global mutable state: every static field is final and holds an immutable value.
     * Checked on the values themselves (after class initialisation), since a {@code Set} field may
     * hold {@code Set.of(...)} or a {@code HashSet}: collections and maps must be the JDK's
     * unmodifiable ones, arrays must be empty, and atomics, thread-locals and other holders of
     * changing state are refused — except the few listed in {@link #ALLOWED_MUTABLE_STATICS}.
     */
    @Test
    void noStaticFieldHoldsMutableState() throws Exception {
        List<String> problems = new ArrayList<>();
        for (JavaClass c : classes) {
            for (JavaField f : c.getFields()) {
                if (!f.getModifiers().contains(JavaModifier.STATIC) || f.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    continue;
                }
                String name = c.getName() + "." + f.getName();
                if (ALLOWED_MUTABLE_STATICS.containsKey(name) || c.isEnum() && f.getRawType().equals(c)) {
                    continue;
                }
                if (!f.getModifiers().contains(JavaModifier.FINAL)) {
                    problems.add(name + " is static and not final");
                    continue;
                }
                Field field = f.reflect();
                field.setAccessible(true);
                String why = mutability(field.get(null));
                if (why != null) {
                    problems.add(name + " holds " + why);
                }
            }
        }
        assertThat(problems).as("static fields holding mutable state (make them per instance — owned by a "
                + "session, a catalog or a server — or immutable; see ALLOWED_MUTABLE_STATICS)").isEmpty();
    }

    /** Why {@code value} is mutable shared state, or null when it is not. */
    private static String mutability(Object value) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        String cls = type.getName();
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            boolean unmodifiable = cls.startsWith("java.util.ImmutableCollections$")
                    || cls.startsWith("java.util.Collections$Unmodifiable")
                    || cls.startsWith("java.util.Collections$Empty")
                    || cls.startsWith("java.util.Collections$Singleton");
            return unmodifiable ? null : "a modifiable " + cls;
        }
        if (type.isArray()) {
            return Array.getLength(value) == 0 ? null : "a non-empty array (" + type.getSimpleName() + ")";
        }
        if (cls.startsWith("java.util.concurrent.") || value instanceof ThreadLocal<?>
                || value instanceof java.lang.ref.Reference<?> || value instanceof StringBuilder) {
            return "a " + cls;
        }
        return null;
    }
}
