package io.sluice.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.run.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersioningTest {
    @TempDir
    Path project;

    private TextDataset notes() {
        return new TextDataset(DatasetConfig.of("notes", "text",
                Map.of("filepath", "data/notes.txt", "versioned", true), project));
    }

    private static RunContext.Scope run(String runId, Map<String, String> loadVersions) {
        return RunContext.enter(new RunContext(runId, "__default__", "local", Map.of(), Path.of("."), loadVersions));
    }

    private void saveIn(String runId, String text) {
        try (RunContext.Scope ignored = run(runId, Map.of())) {
            notes().save(text);
        }
    }

    @Test
    void eachSaveWritesAVersionFolderNamedByTheRunId() {
        saveIn("2026-01-01T00.00.00.000Z-a", "first");

        assertThat(project.resolve("data/notes.txt/2026-01-01T00.00.00.000Z-a/notes.txt")).hasContent("first");
        assertThat(notes().isVersioned()).isTrue();
    }

    @Test
    void loadsTheLatestVersionUnlessTheRunPinsOne() {
        saveIn("2026-01-01T00.00.00.000Z-a", "first");
        saveIn("2026-01-02T00.00.00.000Z-b", "second");

        assertThat(notes().load()).isEqualTo("second");
        assertThat(notes().versions()).containsExactly("2026-01-01T00.00.00.000Z-a", "2026-01-02T00.00.00.000Z-b");
        try (RunContext.Scope ignored = run("later", Map.of("notes", "2026-01-01T00.00.00.000Z-a"))) {
            assertThat(notes().load()).isEqualTo("first");
        }
    }

    @Test
    void aPinnedVersionThatDoesNotExistIsAnErrorListingTheVersions() {
        saveIn("v1", "first");

        try (RunContext.Scope ignored = run("later", Map.of("notes", "v9"))) {
            assertThatThrownBy(() -> notes().load())
                    .isInstanceOf(DatasetException.class)
                    .hasMessage("dataset 'notes' (text): version v9 does not exist (no file "
                            + "data/notes.txt/v9/notes.txt). Versions: v1.");
            assertThat(notes().exists()).isFalse();
        }
    }

    @Test
    void versionsAreNeverOverwritten() {
        saveIn("v1", "first");

        assertThatThrownBy(() -> saveIn("v1", "again"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'notes' (text): version v1 already exists at data/notes.txt/v1; versions are "
                        + "never overwritten. Use a new run id.");
        assertThat(project.resolve("data/notes.txt/v1/notes.txt")).hasContent("first");
    }

    @Test
    void versionsThatCouldEscapeTheFolderAreRejected() {
        saveIn("v1", "first");

        try (RunContext.Scope ignored = run("later", Map.of("notes", "../../etc"))) {
            assertThatThrownBy(() -> notes().load())
                    .isInstanceOf(DatasetException.class)
                    .hasMessage("dataset 'notes' (text): invalid version '../../etc': a version is a folder name of "
                            + "letters, digits and . _ : + - (no '/', no '..').");
        }
    }

    @Test
    void loadingBeforeAnySaveSaysWhatToRun() {
        assertThat(notes().exists()).isFalse();
        assertThatThrownBy(() -> notes().load())
                .isInstanceOf(DatasetException.class)
                .hasMessage("dataset 'notes' (text): no version exists yet under data/notes.txt. "
                        + "Run the node that saves it first.");
    }

    @Test
    void unversionedDatasetsKeepTheirPlainPath() throws Exception {
        TextDataset plain = new TextDataset(DatasetConfig.of("notes", "text", Map.of("filepath", "data/n.txt"),
                project));
        try (RunContext.Scope ignored = run("r1", Map.of())) {
            plain.save("x");
        }
        assertThat(Files.readString(project.resolve("data/n.txt"))).isEqualTo("x");
        assertThat(plain.versions()).isEmpty();
        assertThat(plain.isVersioned()).isFalse();
    }
}
