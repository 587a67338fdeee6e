package io.sluice.cli;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The project of the run, runs and spec command tests, found through META-INF/services in a temp
 * directory put on the thread's context class loader:
 * <pre>
 *   raw(json) -load-> m1(memory) -persist-> p2(json) -finish(params:factor)-> out(json)
 * </pre>
 * {@code finish} fails while {@link #FINISH_FAILS} is set; while {@link #AUDITED} is set, the
 * pipeline has one more node, {@code audit} (p2 -> audit), as if the project's code had changed.
 */
public final class RunsTestProject implements Project {
    static final AtomicBoolean FINISH_FAILS = new AtomicBoolean();
    static final AtomicBoolean AUDITED = new AtomicBoolean();

    public RunsTestProject() {
    }

    static int inc(int x) {
        return x + 1;
    }

    static int finish(int x, int factor) {
        if (FINISH_FAILS.get()) {
            throw new IllegalStateException("finish refused " + x);
        }
        return x * factor;
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        Pipeline etl = Pipeline.of(
                node(RunsTestProject::inc).inputs("raw").outputs("m1").name("load"),
                node(RunsTestProject::inc).inputs("m1").outputs("p2").name("persist"),
                node(RunsTestProject::finish).inputs("p2", "params:factor").outputs("out").name("finish"));
        return Map.of("etl", AUDITED.get()
                ? Pipeline.of(etl, Pipeline.of(node(RunsTestProject::inc).inputs("p2").outputs("audit").name("audit")))
                : etl);
    }

    /** Writes the project into {@code dir} and its service entry into {@code services}. */
    static void write(Path dir, Path services) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.createDirectories(dir.resolve("conf/prod"));
            Files.createDirectories(dir.resolve("data"));
            Files.writeString(dir.resolve("conf/base/catalog.yml"), """
                    raw:
                      type: json
                      filepath: data/raw.json
                    p2:
                      type: json
                      filepath: data/p2.json
                    out:
                      type: json
                      filepath: data/out.json
                    """);
            Files.writeString(dir.resolve("conf/base/parameters.yml"), "factor: 10\n");
            Files.writeString(dir.resolve("data/raw.json"), "1");
            Path entry = services.resolve("META-INF/services/io.sluice.project.Project");
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, RunsTestProject.class.getName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code sluice -C dir args...} in-process with the project visible through {@code services}. */
    static Cli sluice(Path dir, Path services, String... args) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {services.toUri().toURL()}, previous)) {
            thread.setContextClassLoader(loader);
            String[] all = new String[args.length + 2];
            all[0] = "-C";
            all[1] = dir.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            return Cli.run(all);
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
