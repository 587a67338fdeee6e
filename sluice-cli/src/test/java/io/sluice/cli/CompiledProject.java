package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * A small project compiled from source into a directory of its own (so that it is found by
 * {@code ServiceLoader} only where a test puts it on a class path): pipelines {@code prices}
 * ({@code load_prices} in namespace {@code shop}, {@code scale_prices} tagged {@code fast}) and
 * {@code report}; the node {@code scale_prices} logs a line. Runs in-process ({@link #sluice}) or in
 * a JVM of its own ({@link #launch}), as the launcher does.
 *
 * @param dir     the project directory (conf/, data/)
 * @param classes the compiled classes
 */
record CompiledProject(Path dir, Path classes) {
    private static final String PROJECT = """
            package tiny;
            import static io.sluice.pipeline.Node.node;
            import io.sluice.pipeline.Pipeline;
            import io.sluice.project.Project;
            import java.util.List;
            import java.util.Map;
            public final class TinyProject implements Project {
                public static List<Integer> load(List<Integer> raw) { return raw; }
                public static List<Integer> scale(List<Integer> prices, int factor) {
                    org.slf4j.LoggerFactory.getLogger("tiny.scale").info("scaling {} prices", prices.size());
                    return prices.stream().map(p -> p * factor).toList();
                }
                public static int total(List<Integer> scaled) { return scaled.stream().mapToInt(Integer::intValue).sum(); }
                @Override public Map<String, Pipeline> pipelines() {
                    Pipeline prices = Pipeline.of(
                            node(TinyProject::load).inputs("raw_prices").outputs("shop.prices").name("load_prices")
                                    .namespace("shop"),
                            node(TinyProject::scale).inputs("shop.prices", "params:factor").outputs("scaled_prices")
                                    .name("scale_prices").tags("fast"));
                    Pipeline report = Pipeline.of(node(TinyProject::total).inputs("scaled_prices").outputs("total")
                            .name("total_prices"));
                    return Map.of("prices", prices, "report", report, "__default__", prices.plus(report));
                }
            }
            """;

    /** Compiles the project into {@code classes} and writes its conf/ and data/ into {@code dir}. */
    static CompiledProject create(Path dir, Path classes) throws IOException {
        Path src = Files.createDirectories(classes.resolve("src/tiny"));
        Path out = Files.createDirectories(classes.resolve("out"));
        Files.writeString(src.resolve("TinyProject.java"), PROJECT);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", out.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none", src.resolve("TinyProject.java").toString());
        assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Path entry = out.resolve("META-INF/services/io.sluice.project.Project");
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, "tiny.TinyProject\n");
        Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("conf/local"));
        Files.createDirectories(dir.resolve("conf/prod"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                raw_prices:
                  type: json
                  filepath: data/raw.json
                total:
                  type: json
                  filepath: data/total.json
                """);
        Files.writeString(dir.resolve("conf/base/parameters.yml"), "factor: 3\n");
        Files.writeString(dir.resolve("conf/base/engines.yml"), "warehouse:\n  type: jdbc\n  url: \"jdbc:duckdb:\"\n");
        Files.writeString(dir.resolve("data/raw.json"), "[1, 2, 3]");
        return new CompiledProject(dir, out);
    }

    /** {@code sluice -C DIR args...} in this JVM, with the project's classes visible to it. */
    Cli sluice(String... args) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
            all.addAll(List.of(args));
            return Cli.run(all.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** What a separate JVM printed and its exit code. */
    record Launched(int exitCode, String out, String err) {
    }

    /**
     * {@code sluice -C DIR args...} in a JVM of its own on this test's class path, the project's
     * classes passed as the launcher passes {@code target/classes}; {@code stdin} is its input.
     */
    Launched launch(String stdin, long timeoutSeconds, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-D" + ProjectClassLoader.PROPERTY + "=" + classes,
                SluiceMain.class.getName(), "-C", dir.toString()));
        command.addAll(List.of(args));
        Path in = Files.writeString(Files.createTempFile(dir, "stdin", ".txt"), stdin);
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectInput(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError("sluice " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                        + " s; its errors so far: " + Files.readString(err));
            }
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Launched(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
