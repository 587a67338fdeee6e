package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every target's files for spaceflights under two groupings, byte for byte against
 * {@code src/test/resources/io/sluice/deploy/golden/GROUPING/VARIANT/}. After an intended change,
 * regenerate them with {@code mvn -o test -pl sluice-deploy -Dsluice.deploy.regenerate=true}
 * and review the diff.
 */
class GoldenFilesTest {
    static final Path GOLDEN = Path.of("src/test/resources/io/sluice/deploy/golden");

    @TempDir
    Path project;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Exports.Grouped g : Exports.GROUPINGS) {
            for (Exports.Variant v : Exports.VARIANTS) {
                out.add(Arguments.of(g, v));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesTheGoldenFiles(Exports.Grouped g, Exports.Variant v) throws IOException {
        ExportFiles files = Exports.render(project, g, v);
        Path dir = GOLDEN.resolve(g.name()).resolve(v.name());
        if (Boolean.getBoolean("sluice.deploy.regenerate")) {
            files.writeTo(dir);
        }
        List<String> golden;
        try (Stream<Path> s = Files.walk(dir)) {
            golden = s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(files.files().keySet()).as("the files of " + dir).containsExactlyElementsOf(golden);
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            assertThat(f.getValue()).as(f.getKey() + " (regenerate with -Dsluice.deploy.regenerate=true)")
                    .isEqualTo(Files.readString(dir.resolve(f.getKey()), StandardCharsets.UTF_8));
            assertThat(f.getValue()).as("every file carries the structure hash").contains(files.structureHash());
        }
        assertThat(files.check(dir).upToDate()).isTrue();
    }
}
