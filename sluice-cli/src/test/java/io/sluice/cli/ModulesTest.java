package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.SluiceModules;
import io.sluice.engine.EngineType;
import io.sluice.io.DatasetType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * How Sluice is cut into modules for projects to depend on: the BOM lists every library module,
 * no library ships a logging configuration, and a dataset or engine type whose module is missing
 * names the module ({@link SluiceModules}).
 */
class ModulesTest {
    /** The repository root: Surefire runs the tests in sluice-cli/. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    /** Modules of the build that are not libraries a project depends on, and why. */
    private static final List<String> NOT_IN_THE_BOM = List.of(
            "sluice-bom", // the BOM itself
            "sluice-bench", // benchmarks, not published
            "sluice-reliability", // tests only
            "sluice-maven-plugin"); // a build plugin: projects name it in <build><plugins>, with a version

    private static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    private static List<String> texts(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }

    /** The directories of the root pom's modules. */
    private static List<String> modules() throws Exception {
        return texts(pom(ROOT.resolve("pom.xml")), "module");
    }

    @Test
    void theBomManagesEveryLibraryModuleAtTheBuildsVersion() throws Exception {
        Element bom = pom(ROOT.resolve("sluice-bom/pom.xml"));
        String version = texts(pom(ROOT.resolve("pom.xml")), "version").get(0);
        Element management = (Element) bom.getElementsByTagName("dependencyManagement").item(0);

        TreeSet<String> libraries = new TreeSet<>();
        for (String module : modules()) {
            if (!module.contains("/") && !NOT_IN_THE_BOM.contains(module)) {
                libraries.add(module);
            }
        }
        assertThat(bom.getElementsByTagName("parent").getLength()).as("the BOM has no parent").isZero();
        assertThat(texts(bom, "version").get(0)).isEqualTo(version);
        assertThat(new TreeSet<>(texts(management, "artifactId"))).isEqualTo(libraries);
        assertThat(texts(management, "groupId")).containsOnly("io.sluice");
        assertThat(texts(management, "version")).containsOnly("${project.version}");
    }

    @Test
    void noModuleButTheCliShipsALoggingConfiguration() throws Exception {
        List<String> found = new ArrayList<>();
        for (String module : modules()) {
            Path resources = ROOT.resolve(module).resolve("src/main/resources");
            if (!module.equals("sluice-cli") && Files.isDirectory(resources)) {
                try (Stream<Path> files = Files.walk(resources)) {
                    files.filter(f -> isLoggingConfiguration(resources.relativize(f).toString()))
                            .forEach(f -> found.add(ROOT.relativize(f).toString()));
                }
            }
        }
        // and the built modules on this class path, as a project or a Spring application would get them
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            String key = LaunchClassPath.key(p);
            if (key.startsWith("sluice-") && !key.equals("sluice-cli") && !p.endsWith("test-classes")) {
                found.addAll(loggingConfigurations(p));
            }
        }
        assertThat(found).as("logback.xml, logback-test.xml or logback's Configurator service in a library").isEmpty();
    }

    private static boolean isLoggingConfiguration(String resource) {
        String name = resource.replace('\\', '/');
        return name.matches("logback(-test)?\\.(xml|groovy)") || name.equals("log4j2.xml")
                || name.equals("META-INF/services/ch.qos.logback.classic.spi.Configurator");
    }

    private static List<String> loggingConfigurations(Path entry) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> files = Files.walk(entry)) {
                files.filter(f -> isLoggingConfiguration(entry.relativize(f).toString()))
                        .forEach(f -> out.add(f.toString()));
            }
        } else if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                jar.stream().filter(e -> isLoggingConfiguration(e.getName()))
                        .forEach(e -> out.add(entry + "!" + e.getName()));
            }
        }
        return out;
    }

    @Test
    void everyDatasetAndEngineTypeOfAnOptionalModuleNamesItsModule() throws URISyntaxException {
        int checked = 0;
        for (DatasetType type : ServiceLoader.load(DatasetType.class)) {
            String module = moduleOf(type.getClass());
            if (module != null) {
                List<String> spellings = new ArrayList<>(type.aliases());
                spellings.add(type.name());
                for (String spelling : spellings) {
                    assertThat(SluiceModules.forDatasetType(spelling)).as("dataset type %s", spelling).hasValue(module);
                }
                checked++;
            }
        }
        for (EngineType type : ServiceLoader.load(EngineType.class)) {
            String module = moduleOf(type.getClass());
            if (module != null) {
                assertThat(SluiceModules.forEngineType(type.name())).as("engine type %s", type.name()).hasValue(module);
                checked++;
            }
        }
        assertThat(checked).as("types of sluice-datasets, sluice-duckdb and sluice-onnx on the class path")
                .isGreaterThanOrEqualTo(12);
    }

    /** The Sluice module a class comes from, or null for test classes and other jars. */
    private static String moduleOf(Class<?> c) throws URISyntaxException {
        Path where = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        String key = LaunchClassPath.key(where);
        return key.startsWith("sluice-") && !where.endsWith("test-classes") ? key : null;
    }
}
