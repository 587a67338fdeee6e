package io.sluice.session;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.SluiceException;
import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.project.Project;
import io.sluice.run.RunSpec;
import io.sluice.runner.RunnerConfigException;
import io.sluice.testing.JavaSources;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Project#pipelineFactories()}: a pipeline registered as a factory is built, and checked,
 * when first asked for; using one never builds another nor loads its node classes.
 */
class LazyPipelinesTest {
    @TempDir
    Path dir;
    @TempDir
    Path classes;

    /** A loader that tells whether it has loaded a class. */
    static final class WatchingLoader extends URLClassLoader {
        WatchingLoader(Path classes) throws Exception {
            super(new URL[] {classes.toUri().toURL()}, LazyPipelinesTest.class.getClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }

    private static final Map<String, String> SOURCES = Map.of(
            "lazy.Helper", """
                    package lazy;
                    public final class Helper {
                        public final int value;
                        public Helper(int value) { this.value = value; }
                    }
                    """,
            "lazy.FirstNodes", """
                    package lazy;
                    import static io.sluice.pipeline.Node.node;
                    import io.sluice.pipeline.Pipeline;
                    public final class FirstNodes {
                        public static int inc(int x) { return x + 1; }
                        public static Pipeline pipeline() {
                            return Pipeline.of(node(FirstNodes::inc).inputs("raw").outputs("out").name("inc"));
                        }
                    }
                    """,
            "lazy.TrainNodes", """
                    package lazy;
                    import static io.sluice.pipeline.Node.node;
                    import io.sluice.pipeline.Pipeline;
                    public final class TrainNodes {
                        public static Helper fit(int x) { return new Helper(x); }
                        public static Pipeline pipeline() {
                            return Pipeline.of(node(TrainNodes::fit).inputs("out").outputs("model").name("fit"));
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
                            // lambdas, not method references: a method reference loads its class
                            // when the map is made
                            return Map.of("first", () -> FirstNodes.pipeline(), "second", () -> TrainNodes.pipeline());
                        }
                    }
                    """);

    private Session compileLazyProject(WatchingLoader loader) throws Exception {
        TestProject.write(dir, Map.of("conf/base/catalog.yml", "raw:\n  type: json\n  filepath: data/raw.json\n",
                "data/raw.json", "1"));
        Project project = (Project) loader.loadClass("lazy.LazyProject").getConstructor().newInstance();
        return TestProject.session(dir, project);
    }

    @Test
    void aPipelineWhoseNodeClassMissesAClassFailsAloneNamingItAndTheOthersRunDescribeAndExport() throws Exception {
        JavaSources.compile(classes, SOURCES);
        Files.delete(classes.resolve("lazy/Helper.class"));

        try (WatchingLoader loader = new WatchingLoader(classes); Session session = compileLazyProject(loader)) {
            assertThat(session.pipelineNames()).containsExactly("__default__", "first", "second");

            assertThat(session.run(RunSpec.builder("first").journal(false).build()).outputs())
                    .containsEntry("out", 2);
            assertThat(session.describe("first").outputs()).hasSize(1);
            PipelineDocument doc = session.export("first");
            assertThat(doc.nodes()).hasSize(1);
            assertThat(doc.node("inc").function().ref()).isEqualTo("lazy.FirstNodes#inc");
            assertThat(loader.loaded("lazy.FirstNodes")).isTrue();
            assertThat(loader.loaded("lazy.TrainNodes")).as("the second pipeline's node class").isFalse();

            for (int i = 0; i < 2; i++) { // the same error each time it is asked for
                assertThatThrownBy(() -> session.pipeline("second")).isInstanceOf(SluiceException.class)
                        .hasMessageContaining("Pipeline 'second' of project LazyProject cannot be built")
                        .hasMessageContaining("class lazy.Helper is not on the class path");
            }
            assertThatThrownBy(() -> session.export("second")).hasMessageContaining("lazy.Helper");
            assertThatThrownBy(() -> session.run(RunSpec.builder("second").journal(false).build()))
                    .hasMessageContaining("lazy.Helper");
            assertThatThrownBy(() -> session.pipeline(Project.DEFAULT_PIPELINE))
                    .as("the default pipeline is the union of all, so it needs the second")
                    .hasMessageContaining("lazy.Helper");
            assertThat(session.run(RunSpec.builder("first").journal(false).build()).outputs())
                    .containsEntry("out", 2);
        }
    }

    @Test
    void withEveryClassPresentTheDefaultPipelineIsTheUnionBuiltOnDemand() throws Exception {
        JavaSources.compile(classes, SOURCES);

        try (WatchingLoader loader = new WatchingLoader(classes); Session session = compileLazyProject(loader)) {
            assertThat(loader.loaded("lazy.TrainNodes")).isFalse();

            Pipeline all = session.pipeline(Project.DEFAULT_PIPELINE);

            assertThat(all.nodes()).extracting(n -> n.name()).containsExactly("inc", "fit");
            assertThat(session.pipelines()).containsOnlyKeys("__default__", "first", "second");
        }
    }

    /** A project of counting factories beside one built pipeline. */
    record Counting(Map<String, Pipeline> pipelines, Map<String, Supplier<Pipeline>> pipelineFactories,
                    Map<String, AtomicInteger> calls) implements Project {
        static Counting of(Map<String, Pipeline> built, Map<String, Pipeline> lazy) {
            Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
            Map<String, Supplier<Pipeline>> factories = new java.util.TreeMap<>();
            lazy.forEach((name, p) -> {
                calls.put(name, new AtomicInteger());
                factories.put(name, () -> {
                    calls.get(name).incrementAndGet();
                    return p;
                });
            });
            return new Counting(built, factories, calls);
        }

        @Override
        public List<Hook> hooks() {
            return List.of();
        }

        int calls(String name) {
            return calls.get(name).get();
        }
    }

    static int inc(int x) {
        return x + 1;
    }

    static int read(Object engine, int x) {
        return x;
    }

    private static Pipeline one(String in, String out, String name) {
        return Pipeline.of(node(LazyPipelinesTest::inc).inputs(in).outputs(out).name(name));
    }

    @Test
    void eachFactoryIsCalledOnceWhenItsPipelineIsFirstUsedAndNoOtherIs() {
        TestProject.write(dir, Map.of());
        Counting project = Counting.of(Map.of("built", one("x", "y", "b")),
                Map.of("a", one("x", "a_out", "a"), "c", one("x", "c_out", "c")));

        try (Session session = TestProject.session(dir, project)) {
            assertThat(project.calls("a")).isZero();
            assertThat(session.pipelineNames()).containsExactly("__default__", "a", "built", "c");

            session.run(RunSpec.builder("a").journal(false).build(), Injected.input("x", 1));
            session.describe("a");
            session.export("a");
            session.checkOverrides(RunSpec.builder("a").build());
            session.run(RunSpec.builder("built").journal(false).build(), Injected.input("x", 1));

            assertThat(project.calls("a")).isOne();
            assertThat(project.calls("c")).isZero();

            assertThat(session.pipeline("__default__").nodes()).extracting(n -> n.name())
                    .containsExactlyInAnyOrder("a", "b", "c");
            assertThat(project.calls("c")).isOne();
            assertThat(project.calls("a")).isOne();
        }
    }

    @Test
    void anEngineBindingErrorOfAFactorysPipelineFailsItsFirstUseWithTheCompileMessage() {
        TestProject.write(dir, Map.of());
        Pipeline bad = Pipeline.of(node(LazyPipelinesTest::read).inputs("engine:warehouse", "x").outputs("y")
                .name("read"));
        String compileMessage;
        try {
            TestProject.session(dir, new TestProject(Map.of("bad", bad), List.of())).close();
            throw new AssertionError("an unknown engine fails the compile of a built pipeline");
        } catch (SluiceException e) {
            compileMessage = e.getMessage();
        }
        assertThat(compileMessage).contains("engine:warehouse");

        try (Session session = TestProject.session(dir, Counting.of(Map.of(), Map.of("bad", bad,
                "good", one("x", "z", "good"))))) {
            assertThat(session.pipeline("good").size()).isOne();
            assertThatThrownBy(() -> session.pipeline("bad")).isInstanceOf(SluiceException.class)
                    .hasMessage(compileMessage);
            assertThatThrownBy(() -> session.pipeline("bad")).hasMessage(compileMessage);
        }
    }

    @Test
    void aRunnerRuleNamingNoNodeFailsOnceEveryPipelineIsBuiltWithTheCompileMessage() {
        TestProject.write(dir, Map.of("conf/base/runners.yml", """
                default:
                  type: sequential
                  retry: [{nodes: [incc], max_attempts: 2}]
                """));
        String compileMessage;
        try {
            TestProject.session(dir, new TestProject(Map.of("a", one("x", "y", "inc")), List.of())).close();
            throw new AssertionError("a rule naming no node fails the compile of built pipelines");
        } catch (RunnerConfigException e) {
            compileMessage = e.getMessage();
        }

        try (Session session = TestProject.session(dir, Counting.of(Map.of(), Map.of("a", one("x", "y", "inc"),
                "b", one("x", "z", "other"))))) {
            assertThat(session.pipeline("a").size()).as("one pipeline cannot tell; the rule may name another's node")
                    .isOne();
            assertThatThrownBy(session::pipelines).isInstanceOf(RunnerConfigException.class).hasMessage(compileMessage);
        }
    }

    @Test
    void aNameRegisteredBothWaysOrAFactoryReturningNullIsRefused() {
        TestProject.write(dir, Map.of());
        Counting both = Counting.of(Map.of("a", one("x", "y", "inc")), Map.of("a", one("x", "y", "inc")));
        assertThatThrownBy(() -> TestProject.session(dir, both)).isInstanceOf(SluiceException.class)
                .hasMessageContaining("registers [a] both in pipelines() and in pipelineFactories()");

        Project nulls = new Project() {
            @Override
            public Map<String, Pipeline> pipelines() {
                return Map.of();
            }

            @Override
            public Map<String, Supplier<Pipeline>> pipelineFactories() {
                return Map.of("n", () -> null);
            }
        };
        try (Session session = TestProject.session(dir, nulls)) {
            assertThatThrownBy(() -> session.pipeline("n")).hasMessageContaining("its factory returned null");
        }
    }
}
