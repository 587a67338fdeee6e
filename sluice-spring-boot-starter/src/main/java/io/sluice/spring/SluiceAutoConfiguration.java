package io.sluice.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.hooks.Hook;
import io.sluice.project.Project;
import io.sluice.project.ProjectLoader;
import io.sluice.session.Session;
import io.sluice.session.SessionOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Spring Boot auto-configuration of Sluice: a compiled {@link Session} bean of the project on the
 * class path ({@code META-INF/services/io.sluice.project.Project}, or a {@link Project} bean of
 * the application), from {@code sluice.project-dir}, {@code sluice.env} and
 * {@code sluice.params.*} ({@link SluiceProperties}), closed with the application context
 * (cancelling runs still going); with Micrometer, the run meters ({@link RunMeters}); with
 * Actuator, the {@code sluice} health ({@link SluiceHealthIndicator}). Every bean backs off when
 * the application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"})
@ConditionalOnClass(Session.class)
@EnableConfigurationProperties(SluiceProperties.class)
public class SluiceAutoConfiguration {

    /** The project listed in {@code META-INF/services/io.sluice.project.Project}. */
    @Bean
    @ConditionalOnMissingBean
    public Project sluiceProject(ResourceLoader resources) {
        return ProjectLoader.load(resources.getClassLoader());
    }

    /** Where the session is compiled from; a copy of a packaged project is deleted after the session closes. */
    @Bean
    @ConditionalOnMissingBean
    public ProjectLocation sluiceProjectLocation(SluiceProperties properties, ResourceLoader resources) {
        return ProjectLocation.of(properties, resources);
    }

    /**
     * The project compiled once: config, catalog, checked pipelines. A mistake in the project's
     * configuration fails the application's start with the file and line.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Session sluiceSession(Project project, ProjectLocation location, SluiceProperties properties,
                                 ObjectProvider<SluiceHook> hooks) {
        List<Hook> added = new ArrayList<>();
        hooks.orderedStream().forEach(h -> added.add(h.hook()));
        Map<String, Object> params = new LinkedHashMap<>(properties.getParams());
        Project served = added.isEmpty() ? project : new HookedProject(project, added);
        return Session.compile(served, new SessionOptions(location.dir(), properties.getEnv(), params));
    }

    /** With Micrometer: the run meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {
        @Bean
        @ConditionalOnBean(MeterRegistry.class)
        SluiceHook sluiceRunMeters(MeterRegistry registry) {
            return new SluiceHook(new RunMeters(registry));
        }
    }

    /** With Actuator: {@code /actuator/health}'s {@code sluice} component. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "sluiceHealthIndicator")
        @ConditionalOnEnabledHealthIndicator("sluice")
        SluiceHealthIndicator sluiceHealthIndicator(Session session) {
            return new SluiceHealthIndicator(session);
        }
    }
}
