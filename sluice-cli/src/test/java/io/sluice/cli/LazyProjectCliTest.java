package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.pipeline.doc.PipelineDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A project that registers its pipelines as factories, compiled here from source, whose second
 * pipeline's node class needs a class that is then deleted: every command on the first pipeline
 * works, and the second fails naming the missing class.
 */
class LazyProjectCliTest {
    @TempDir
    Path project;
    @TempDir
    Path classes;

    private static final Map<String, String> SOURCES = Map.of(
            "lazy.Missing", "package lazy; public final class Missing { }",
            "lazy.First", """
                    package lazy;
                    import static io.sluice.pipeline.Node.node;
                    import io.sluice.pipeline.Pipeline;
                    public final class First {
                        public static int inc(int x) { return x + 1; }
                        public static Pipeline pipeline() {
                            return Pipeline.of(node(First::inc).inputs("raw").outputs("out").name("inc"));
                        }
                    }
                    """,
            "lazy.Second", """
                    package lazy;
                    import static io.sluice.pipeline.Node.node;
                    import io.sluice.pipeline.Pipeline;
                    public final class Second {
                        public static Missing fit(int x) { return new Missing(); }
                        public static Pipeline pipeline() {
                            return Pipeline.of(node(Second::fit).inputs("out").outputs("model").name("fit"));
                        }
                    }
                    """,
            "lazy.LazyProject", """
                    package lazy;
                    import io.sluice.pipeline.Pipeline;
                    import io.sluice.project.Project;
                    import java.util.Map;
                    import java.util.function.Supplier;
                    public final class LazyProject implements Project {
                        @Override public Map<String, Pipeline> pipelines() { return Map.of(); }
                        @Override public Map<String, Supplier<Pipeline>> pipelineFactories() {
                            return Map.of("first", () -> First.pipeline(), "second", () -> Second.pipeline());
                        }
                    }
                    """);

    @BeforeEach
    void compileAndDeleteTheMissingClass() throws IOException {
        Path src = Files.createDirectories(classes.resolve("src"));
        Path out = Files.createDirectories(classes.resolve("out"));
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none"));
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, errors, args.toArray(String[]::new));
        assertThat(code).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        Files.delete(out.resolve("lazy/Missing.class"));
        Path entry = out.resolve("META-INF/services/io.sluice.project.Project");
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, "lazy.LazyProject\n");
        Files.createDirectories(project.resolve("conf/base"));
        Files.createDirectories(project.resolve("conf/local"));
        Files.createDirectories(project.resolve("data"));
        Files.writeString(project.resolve("conf/base/catalog.yml"), """
                raw:
                  type: json
                  filepath: data/raw.json
                out:
                  type: json
                  filepath: data/out.json
                """);
        Files.writeString(project.resolve("data/raw.json"), "1");
    }

    private Cli sluice(String... args) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.resolve("out").toUri().toURL()},
                previous)) {
            thread.setContextClassLoader(loader);
            List<String> all = new ArrayList<>(List.of("-C", project.toString()));
            all.addAll(List.of(args));
            return Cli.run(all.toArray(String[]::new));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Test
    void theFirstPipelineRunsDescribesAndExports() throws IOException {
        Cli run = sluice("run", "-p", "first");
        Cli describe = sluice("pipelines", "describe", "first");
        Cli export = sluice("pipelines", "export", "-p", "first");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.readString(project.resolve("data/out.json")).strip()).isEqualTo("2");
        assertThat(describe.exitCode()).as(describe.err()).isZero();
        assertThat(describe.out()).contains("inc");
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(PipelineDocument.fromJson(export.out()).node("inc").function().ref()).isEqualTo("lazy.First#inc");
    }

    @Test
    void theSecondPipelineFailsNamingTheMissingClassAndTheListingShowsTheOthers() {
        Cli export = sluice("pipelines", "export", "-p", "second");
        Cli list = sluice("pipelines", "list");

        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err()).contains("Pipeline 'second' of project LazyProject cannot be built",
                "class lazy.Missing is not on the class path");
        assertThat(list.exitCode()).isEqualTo(1);
        assertThat(list.out()).contains("first          1 node").containsPattern("second\\s+cannot be built")
                .containsPattern("__default__\\s+cannot be built");
        assertThat(list.err()).contains("lazy.Missing");
    }
}
