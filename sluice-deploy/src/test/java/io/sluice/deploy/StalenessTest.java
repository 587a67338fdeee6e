package io.sluice.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.group.GroupStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --check}: deployed files against a fresh export. */
class StalenessTest {
    @TempDir
    Path project;
    @TempDir
    Path out;

    private ExportFiles export(String target, boolean withReport, String image) {
        return Target.named(target, TargetOptions.DEFAULTS).render(Spaceflights
                .fixture(project, new GroupStrategy.ByNamespace(), withReport).plan(Exports.ENV, image));
    }

    @Test
    void theSameStructureIsUpToDate() {
        Path deployed = out.resolve("argo");
        export("argo", false, Exports.IMAGE).writeTo(deployed);
        Staleness s = export("argo", false, Exports.IMAGE).check(deployed);
        assertThat(s.upToDate()).as(s.reason()).isTrue();
        assertThat(s.reason()).startsWith("up to date");
    }

    @Test
    void aChangedPipelineIsStaleNamingBothHashes() {
        for (String target : Target.NAMES) {
            Path deployed = out.resolve(target);
            ExportFiles before = export(target, false, Exports.IMAGE);
            before.writeTo(deployed);
            ExportFiles after = export(target, true, Exports.IMAGE);
            assertThat(after.structureHash()).isNotEqualTo(before.structureHash());
            Staleness s = after.check(deployed);
            assertThat(s.upToDate()).as(target).isFalse();
            assertThat(s.reason()).startsWith("the structure hash differs")
                    .contains(before.structureHash(), after.structureHash());
        }
    }

    @Test
    void anotherImageOrAnEditedFileIsStaleAsFilesThatDiffer() throws Exception {
        Path deployed = out.resolve("aws");
        export("aws", false, Exports.IMAGE).writeTo(deployed);
        Staleness s = export("aws", false, "registry.example.com/spaceflights:2.0.0").check(deployed);
        assertThat(s.upToDate()).isFalse();
        assertThat(s.reason()).isEqualTo("the files differ: job-definitions/sluice-default-data_processing.json, "
                + "job-definitions/sluice-default-data_science.json changed (same structure hash)");

        Files.delete(deployed.resolve(AwsTarget.STATE_MACHINE));
        assertThat(export("aws", false, Exports.IMAGE).check(deployed).reason())
                .isEqualTo("the files differ: missing " + AwsTarget.STATE_MACHINE);
        assertThat(export("aws", false, Exports.IMAGE).check(out.resolve("nothing")).reason())
                .startsWith("no deployed files");
    }

    @Test
    void writingReplacesTheFolderWholeAndLeavesNoTemporaryFolder() throws Exception {
        Path deployed = out.resolve("docker");
        Files.createDirectories(deployed);
        Files.writeString(deployed.resolve("stale.txt"), "old");
        export("docker", false, Exports.IMAGE).writeTo(deployed);
        try (var files = Files.list(deployed)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(".dockerignore",
                    "Dockerfile");
        }
        try (var siblings = Files.list(out)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("docker");
        }
    }
}
