package io.sluice.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectDirsTest {
    @TempDir
    Path source;
    @TempDir
    Path target;

    @Test
    void copiesTheNamedTreesOnlyAndReplacesWhatIsThere() throws Exception {
        Files.createDirectories(source.resolve("conf/base"));
        Files.writeString(source.resolve("conf/base/catalog.yml"), "a: 1\n");
        Files.createDirectories(source.resolve("data/01_raw/nested"));
        Files.writeString(source.resolve("data/01_raw/nested/x.csv"), "id\n1\n");
        Files.createDirectories(source.resolve("data/08_reporting"));
        Files.writeString(source.resolve("data/08_reporting/out.json"), "{}");
        Files.createDirectories(target.resolve("conf/base"));
        Files.writeString(target.resolve("conf/base/catalog.yml"), "old");

        assertThat(ProjectDirs.copy(source, target, "conf", "data/01_raw")).isEqualTo(target);

        assertThat(ProjectDirs.read(target.resolve("conf/base/catalog.yml"))).isEqualTo("a: 1\n");
        assertThat(ProjectDirs.read(target.resolve("data/01_raw/nested/x.csv"))).isEqualTo("id\n1\n");
        assertThat(target.resolve("data/08_reporting")).doesNotExist();
    }

    @Test
    void aMissingPartIsAnErrorNamingIt() {
        assertThatThrownBy(() -> ProjectDirs.copy(source, target, "conf"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(source.resolve("conf").toString());
    }
}
