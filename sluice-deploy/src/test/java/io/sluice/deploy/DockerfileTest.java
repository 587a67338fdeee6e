package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile checked structurally (no Docker engine runs here): instructions Docker knows,
 * two stages, the final one a JRE running as a non-root user with container JVM flags; every file
 * the build copies from the context is one {@code sluice package} writes and the
 * {@code .dockerignore} lets through, and nothing else is sent; the launcher reads the config
 * archive.
 */
class DockerfileTest {
    private static final List<String> INSTRUCTIONS = List.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");

    @TempDir
    Path project;

    /** The instructions, continuation lines joined, comments dropped. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            if (current.isEmpty() && (line.isBlank() || line.startsWith("#"))) {
                continue;
            }
            boolean more = line.endsWith("\\");
            current.append(more ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!more) {
                out.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }

    @Test
    void twoStagesFromThePackageANonRootUserAndContainerJvmFlags() {
        for (Exports.Grouped g : Exports.GROUPINGS) {
            ExportFiles files = Target.named("docker", Exports.PACKAGED).render(
                    Spaceflights.fixture(project, g.strategy(), false).plan(Exports.ENV, Exports.IMAGE));
            List<String> ins = instructions(files.files().get("Dockerfile"));
            assertThat(ins).allSatisfy(i -> assertThat(INSTRUCTIONS).contains(i.split(" ")[0]));
            List<String> froms = ins.stream().filter(i -> i.startsWith("FROM ")).toList();
            assertThat(froms).containsExactly("FROM eclipse-temurin:17-jre AS layout", "FROM eclipse-temurin:17-jre");
            List<String> last = ins.subList(ins.indexOf(froms.get(1)), ins.size());
            assertThat(last).filteredOn(i -> i.startsWith("USER ")).singleElement()
                    .satisfies(u -> assertThat(u).doesNotContain("root").isNotEqualTo("USER 0"));
            assertThat(last).anySatisfy(i -> assertThat(i).startsWith("COPY --from=layout --chown=10001:10001 "));
            assertThat(last).anySatisfy(i -> assertThat(i).contains("JAVA_OPTS=\"-XX:MaxRAMPercentage=75 "
                    + "-XX:+ExitOnOutOfMemoryError"));
            assertThat(last).contains("ENTRYPOINT [\"sluice\"]");
            assertThat(last).anySatisfy(i -> assertThat(i).contains("io.sluice.structure-hash=\""
                    + files.structureHash() + "\""));

            List<String> sources = new ArrayList<>();
            for (String i : ins) {
                if (i.startsWith("COPY ") && !i.contains("--from=")) {
                    String[] words = i.split(" ");
                    sources.add(words[1]);
                }
            }
            // what sluice package --name spaceflights writes into dist/
            assertThat(sources).containsExactly("dist/lib/", "dist/spaceflights.jar", "dist/conf-spaceflights.tar.gz");
            List<String> ignore = files.files().get(".dockerignore").lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(ignore.get(0)).isEqualTo("*");
            assertThat(ignore.subList(1, ignore.size())).containsExactlyElementsOf(
                    sources.stream().map(s -> "!" + s).toList());
            assertThat(files.files().get("Dockerfile"))
                    .contains("--conf-source /app/conf-spaceflights.tar.gz \"$@\"")
                    .contains("-cp \"/app/lib/*\" io.sluice.cli.SluiceMain -C /app");
        }
    }
}
