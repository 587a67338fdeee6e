package io.sluice.spring;

import static io.sluice.pipeline.Node.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import io.sluice.run.RunFailedException;
import io.sluice.run.RunSpec;
import io.sluice.session.Injected;
import io.sluice.session.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configured session, its project folder, meters, health and closing, in real application contexts. */
class SluiceAutoConfigurationTest {
    /** times: y = x * params:factor; failing: always throws. */
    record TestProject() implements Project {
        @Override
        public Map<String, Pipeline> pipelines() {
            return Map.of("times", Pipeline.of(node(SluiceAutoConfigurationTest::multiply).inputs("x", "params:factor")
                            .outputs("y").name("times")),
                    "failing", Pipeline.of(node(SluiceAutoConfigurationTest::fail).inputs("x").outputs("z")
                            .name("fail")));
        }
    }

    static int multiply(int x, int factor) {
        return x * factor;
    }

    static int fail(int x) {
        throw new IllegalStateException("no " + x);
    }

    @TempDir
    Path dir;

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SluiceAutoConfiguration.class))
            .withBean(Project.class, TestProject::new);

    private void project(String parametersYml) throws IOException {
        Files.createDirectories(dir.resolve("conf/base"));
        Files.createDirectories(dir.resolve("conf/prod"));
        Files.writeString(dir.resolve("conf/base/parameters.yml"), parametersYml);
    }

    private static int times(Session session, int x) {
        return (Integer) session.run(RunSpec.builder("times").journal(false).build(), Injected.input("x", x))
                .outputs().get("y");
    }

    @Test
    void theSessionIsCompiledFromTheProjectDirWithItsEnvAndParams() throws IOException {
        project("factor: 2\n");
        Files.writeString(dir.resolve("conf/prod/parameters.yml"), "factor: 5\n");
        contexts.withPropertyValues("sluice.project-dir=" + dir).run(c -> {
            assertThat(times(c.getBean(Session.class), 4)).isEqualTo(8);
        });
        contexts.withPropertyValues("sluice.project-dir=" + dir, "sluice.env=prod").run(c -> {
            assertThat(times(c.getBean(Session.class), 4)).isEqualTo(20);
        });
        contexts.withPropertyValues("sluice.project-dir=" + dir, "sluice.params.factor=7").run(c -> {
            assertThat(times(c.getBean(Session.class), 4)).isEqualTo(28);
        });
    }

    @Test
    void aProjectPackagedOnTheClassPathIsCopiedAndDeletedAfterTheSession() {
        AtomicReference<Path> copy = new AtomicReference<>();
        contexts.withPropertyValues("sluice.project-dir=classpath:sluice/").run(c -> {
            Session session = c.getBean(Session.class);
            copy.set(session.options().projectDir());
            assertThat(copy.get().resolve("conf/base/parameters.yml")).hasContent("factor: 3");
            assertThat(times(session, 4)).isEqualTo(12);
        });
        assertThat(copy.get()).doesNotExist();
        // without sluice.project-dir, a project on the class path is the one used
        contexts.run(c -> assertThat(times(c.getBean(Session.class), 1)).isEqualTo(3));
    }

    @Test
    void aFolderWithoutConfFailsTheStartNamingTheFix() {
        contexts.withPropertyValues("sluice.project-dir=" + dir).run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("sluice.project-dir is " + dir
                    + ", which has no conf/ folder");
        });
    }

    @Test
    void runsAreCountedAndTimedByPipelineAndOutcome() throws IOException {
        project("factor: 2\n");
        contexts.withPropertyValues("sluice.project-dir=" + dir).withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(c -> {
                    Session session = c.getBean(Session.class);
                    times(session, 1);
                    times(session, 2);
                    assertThatThrownBy(() -> session.run(RunSpec.builder("failing").journal(false).build(),
                            Injected.input("x", 1))).isInstanceOf(RunFailedException.class);
                    MeterRegistry meters = c.getBean(MeterRegistry.class);
                    assertThat(meters.get("sluice.runs").tags("pipeline", "times", "outcome", "succeeded").counter()
                            .count()).isEqualTo(2.0);
                    assertThat(meters.get("sluice.runs").tags("pipeline", "failing", "outcome", "failed").counter()
                            .count()).isEqualTo(1.0);
                    assertThat(meters.get("sluice.run").tags("pipeline", "times", "outcome", "succeeded").timer()
                            .count()).isEqualTo(2);
                });
    }

    @Test
    void healthIsUpWithTheProjectAndDownOnceTheSessionIsClosed() throws IOException {
        project("factor: 2\n");
        contexts.withPropertyValues("sluice.project-dir=" + dir).run(c -> {
            SluiceHealthIndicator health = c.getBean(SluiceHealthIndicator.class);
            Health up = health.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("project", "TestProject").containsEntry("env", "local")
                    .containsKey("engines");
            c.getBean(Session.class).close();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        });
        contexts.withPropertyValues("sluice.project-dir=" + dir, "management.health.sluice.enabled=false")
                .run(c -> assertThat(c).doesNotHaveBean(SluiceHealthIndicator.class));
    }

    @Test
    void closingTheContextClosesTheSession() throws IOException {
        project("factor: 2\n");
        AtomicReference<Session> session = new AtomicReference<>();
        contexts.withPropertyValues("sluice.project-dir=" + dir).run(c -> session.set(c.getBean(Session.class)));
        assertThat(session.get().engines().isClosed()).isTrue();
    }
}
