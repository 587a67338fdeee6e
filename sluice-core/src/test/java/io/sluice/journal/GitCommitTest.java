package io.sluice.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit of a checkout, read from hand-made {@code .git} files (no git binary involved). */
class GitCommitTest {
    private static final String A = "1111111111111111111111111111111111111111";
    private static final String B = "2222222222222222222222222222222222222222";
    private static final String C = "3333333333333333333333333333333333333333";

    @TempDir
    Path dir;

    private Path write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void headNamingABranchReadsTheLooseRef() throws Exception {
        write("repo/.git/HEAD", "ref: refs/heads/main\n");
        write("repo/.git/refs/heads/main", A + "\n");

        assertThat(GitCommit.of(dir.resolve("repo"))).isEqualTo(A);
    }

    @Test
    void aBranchOnlyInPackedRefsIsFoundThere() throws Exception {
        write("repo/.git/HEAD", "ref: refs/heads/feature/x\n");
        write("repo/.git/packed-refs", "# pack-refs with: peeled fully-peeled sorted \n"
                + B + " refs/heads/feature/x-longer\n"
                + C + " refs/heads/feature/x\n"
                + "^" + A + "\n"
                + A + " refs/tags/v1\n");

        assertThat(GitCommit.of(dir.resolve("repo"))).isEqualTo(C);
    }

    @Test
    void aLooseRefWinsOverAnOlderPackedOne() throws Exception {
        write("repo/.git/HEAD", "ref: refs/heads/main\n");
        write("repo/.git/packed-refs", A + " refs/heads/main\n");
        write("repo/.git/refs/heads/main", B + "\n");

        assertThat(GitCommit.of(dir.resolve("repo"))).isEqualTo(B);
    }

    @Test
    void aDetachedHeadIsTheCommitItself() throws Exception {
        write("repo/.git/HEAD", C + "\n");

        assertThat(GitCommit.of(dir.resolve("repo"))).isEqualTo(C);
    }

    @Test
    void aSha256RepositorysCommitIsReadWhole() throws Exception {
        String sha256 = "ab".repeat(32);
        write("repo/.git/HEAD", sha256 + "\n");

        assertThat(GitCommit.of(dir.resolve("repo"))).isEqualTo(sha256);
    }

    @Test
    void aWorktreeReadsItsOwnHeadAndTheBranchFromTheCommonDirectory() throws Exception {
        write("main/.git/HEAD", "ref: refs/heads/main\n");
        write("main/.git/refs/heads/main", A + "\n");
        write("main/.git/refs/heads/feature", B + "\n");
        write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/feature\n");
        write("main/.git/worktrees/wt/commondir", "../..\n");
        write("wt/.git", "gitdir: " + dir.resolve("main/.git/worktrees/wt") + "\n");

        assertThat(GitCommit.of(dir.resolve("wt"))).isEqualTo(B);
        assertThat(GitCommit.of(dir.resolve("main"))).isEqualTo(A);
    }

    @Test
    void aWorktreeWithARelativeGitdirAndAPackedBranchIsRead() throws Exception {
        write("main/.git/HEAD", "ref: refs/heads/main\n");
        write("main/.git/packed-refs", C + " refs/heads/topic\n");
        write("main/.git/worktrees/topic/HEAD", "ref: refs/heads/topic\n");
        write("main/.git/worktrees/topic/commondir", "../..\n");
        write("wt/.git", "gitdir: ../main/.git/worktrees/topic\n");

        assertThat(GitCommit.of(dir.resolve("wt"))).isEqualTo(C);
    }

    @Test
    void aDirectoryInsideACheckoutFindsTheCheckoutAbove() throws Exception {
        write("repo/.git/HEAD", A + "\n");
        Files.createDirectories(dir.resolve("repo/projects/etl"));

        assertThat(GitCommit.of(dir.resolve("repo/projects/etl"))).isEqualTo(A);
    }

    @Test
    void noCheckoutABranchWithoutCommitsAndGarbageAllReadAsNoCommit() throws Exception {
        Files.createDirectories(dir.resolve("plain"));
        write("fresh/.git/HEAD", "ref: refs/heads/main\n");
        write("garbage/.git/HEAD", "not a ref\n");
        write("badref/.git/HEAD", "ref: refs/heads/main\n");
        write("badref/.git/refs/heads/main", "xyz\n");
        write("notgit/.git", "something else\n");

        assertThat(GitCommit.of(dir.resolve("plain"))).isNull();
        assertThat(GitCommit.of(dir.resolve("fresh"))).isNull();
        assertThat(GitCommit.of(dir.resolve("garbage"))).isNull();
        assertThat(GitCommit.of(dir.resolve("badref"))).isNull();
        assertThat(GitCommit.of(dir.resolve("notgit"))).isNull();
    }
}
