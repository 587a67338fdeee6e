package io.sluice.deploy;

import java.util.Map;
import java.util.TreeMap;

/**
 * The container every other target runs: a multi-stage {@code Dockerfile} (Maven builds the
 * project and copies its runtime class path; a JRE image runs it as a non-root user, with JVM
 * flags sized to the container's memory) and a {@code .dockerignore}. {@code sluice} in the image
 * is a small script running the CLI on that class path with the project at {@code /app}, so the
 * group-run commands of the other targets work unchanged.
 */
final class DockerTarget implements Target {
    static final String JVM_FLAGS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseSerialGC";

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public ExportFiles render(DeployPlan plan) {
        String dockerfile = """
                # %s
                # Build from the project directory: docker build -f deploy/docker/Dockerfile -t %s .

                # ---- build: the project's jar and its runtime dependencies (sluice-cli among them)
                FROM maven:3.9-eclipse-temurin-17 AS build
                WORKDIR /src
                COPY pom.xml ./
                RUN mvn -B -q dependency:go-offline
                COPY src ./src
                RUN mvn -B -q -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \\
                      -DoutputDirectory=/out/lib \\
                 && cp target/*.jar /out/lib/ \\
                 && rm -f /out/lib/*-sources.jar /out/lib/*-javadoc.jar

                # ---- run: a JRE, the class path, the project's conf/, a non-root user
                FROM eclipse-temurin:17-jre
                LABEL io.sluice.structure-hash="%s" \\
                      io.sluice.pipeline="%s" \\
                      org.opencontainers.image.description="Sluice project (sluice run --pipeline P --group G --run-id R --env E)"
                RUN groupadd --system --gid 10001 sluice \\
                 && useradd --system --uid 10001 --gid sluice --home-dir /app --shell /usr/sbin/nologin sluice
                WORKDIR /app
                COPY --from=build /out/lib/ /app/lib/
                COPY conf/ /app/conf/
                RUN printf '#!/bin/sh\\nexec java $JAVA_OPTS -cp "/app/lib/*" io.sluice.cli.SluiceMain -C /app "$@"\\n' \\
                      > /usr/local/bin/sluice \\
                 && chmod 755 /usr/local/bin/sluice \\
                 && mkdir -p /app/data \\
                 && chown sluice:sluice /app /app/data
                # Heap from the container's memory limit; fail fast (the orchestrator retries) on out-of-memory.
                ENV JAVA_OPTS="%s" \\
                    SLUICE_ENV="%s"
                USER 10001:10001
                ENTRYPOINT ["sluice"]
                CMD ["run", "--pipeline", "%s"]
                """.formatted(plan.stamp(name()), plan.image(), plan.structureHash(), plan.pipeline(), JVM_FLAGS,
                plan.env(), plan.pipeline());
        String ignore = """
                # %s
                # Only pom.xml, src/ and conf/ go into the image; data and build output stay out.
                *
                !pom.xml
                !src/
                !conf/
                conf/local/
                conf/**/credentials*.yml
                """.formatted(plan.stamp(name()));
        return new ExportFiles(name(), plan.structureHash(), new TreeMap<>(Map.of("Dockerfile", dockerfile,
                ".dockerignore", ignore)));
    }
}
