package io.sluice.deploy;

import java.util.Map;
import java.util.TreeMap;

/**
 * The container every other target runs, built from what {@code sluice package} writes into
 * {@code dist/}: the project's jar, its dependencies ({@code lib/}) and its config archive
 * ({@code conf-NAME.tar.gz}, without {@code conf/local} and credentials). A multi-stage
 * {@code Dockerfile}: the first stage lays out {@code /app} (class path in {@code /app/lib}, the
 * archive beside it, the {@code sluice} launcher), the second is a JRE running it as a non-root
 * user with JVM flags sized to the container's memory; and a {@code .dockerignore} sending only
 * {@code dist/} to the build. {@code sluice} in the image runs the CLI on that class path with the
 * project at {@code /app} and {@code --conf-source} the archive, so the group-run commands of the
 * other targets work unchanged. No Maven runs in the build: the image holds the bytes that
 * {@code sluice package} wrote (same build, same bytes).
 */
final class DockerTarget implements Target {
    static final String JVM_FLAGS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC";
    static final String JRE = "eclipse-temurin:17-jre";
    private final TargetOptions options;

    DockerTarget(TargetOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public ExportFiles render(DeployPlan plan) {
        String pkg = options.packageName();
        String dockerfile = """
                # %1$s
                # Build from the project directory, after sluice package (dist/%2$s.jar, dist/lib/, dist/conf-%2$s.tar.gz):
                #   sluice package && docker build -f deploy/docker/Dockerfile -t %3$s .

                # ---- layout: /app as the image runs it (no build tools reach the final image)
                FROM %4$s AS layout
                WORKDIR /stage/app
                COPY dist/lib/ lib/
                COPY dist/%2$s.jar lib/%2$s.jar
                COPY dist/conf-%2$s.tar.gz ./
                RUN mkdir -p data bin \\
                 && printf '#!/bin/sh\\nexec java $JAVA_OPTS -cp "/app/lib/*" io.sluice.cli.SluiceMain -C /app --conf-source %5$s "$@"\\n' \\
                      > bin/sluice \\
                 && chmod 755 bin/sluice

                # ---- run: a JRE, the project's jars and config archive, a non-root user
                FROM %4$s
                LABEL io.sluice.structure-hash="%6$s" \\
                      io.sluice.pipeline="%7$s" \\
                      org.opencontainers.image.description="Sluice project (sluice run --pipeline P --group G --run-id R --env E)"
                RUN groupadd --system --gid 10001 sluice \\
                 && useradd --system --uid 10001 --gid sluice --home-dir /app --shell /usr/sbin/nologin sluice
                COPY --from=layout --chown=10001:10001 /stage/app/ /app/
                # Heap from the container's memory limit; fail fast (the orchestrator retries) on out-of-memory.
                ENV PATH="/app/bin:$PATH" \\
                    JAVA_OPTS="%8$s" \\
                    SLUICE_ENV="%9$s"
                WORKDIR /app
                USER 10001:10001
                ENTRYPOINT ["sluice"]
                CMD ["run", "--pipeline", "%7$s"]
                """.formatted(plan.stamp(name()), pkg, plan.image(), JRE, options.confArchive(), plan.structureHash(),
                plan.pipeline(), JVM_FLAGS, plan.env());
        String ignore = """
                # %s
                # Only what sluice package wrote goes into the image: sources, data and conf/local stay out.
                *
                !dist/lib/
                !dist/%s.jar
                !dist/conf-%s.tar.gz
                """.formatted(plan.stamp(name()), pkg, pkg);
        return new ExportFiles(name(), plan.structureHash(), new TreeMap<>(Map.of("Dockerfile", dockerfile,
                ".dockerignore", ignore)));
    }
}
