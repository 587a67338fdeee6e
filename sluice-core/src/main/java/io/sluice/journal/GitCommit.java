package io.sluice.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The commit a project directory is checked out at, read from the {@code .git} files themselves
 * (no {@code git} process, no library): {@code HEAD}, the branch ref it names, or
 * {@code packed-refs}. Works for plain checkouts and for worktrees ({@code .git} as a file
 * pointing to the real directory, refs in its {@code commondir}).
 */
final class GitCommit {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    private GitCommit() {
    }

    /** The full commit hash of the checkout holding {@code dir}, or {@code null} when there is none. */
    static String of(Path dir) {
        try {
            for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
                Path dotGit = d.resolve(".git");
                if (Files.isDirectory(dotGit)) {
                    return head(dotGit, dotGit);
                }
                if (Files.isRegularFile(dotGit)) {
                    String line = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
                    if (!line.startsWith("gitdir:")) {
                        return null;
                    }
                    Path gitDir = d.resolve(line.substring("gitdir:".length()).trim()).normalize();
                    Path common = gitDir;
                    Path commonFile = gitDir.resolve("commondir");
                    if (Files.isRegularFile(commonFile)) {
                        common = gitDir.resolve(Files.readString(commonFile, StandardCharsets.UTF_8).trim()).normalize();
                    }
                    return head(gitDir, common);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable checkout is recorded as "no commit", never fails a run
        }
        return null;
    }

    private static String head(Path gitDir, Path commonDir) throws IOException {
        Path headFile = gitDir.resolve("HEAD");
        if (!Files.isRegularFile(headFile)) {
            return null;
        }
        String head = Files.readString(headFile, StandardCharsets.UTF_8).trim();
        if (!head.startsWith("ref:")) {
            return HASH.matcher(head).matches() ? head : null;
        }
        String ref = head.substring("ref:".length()).trim();
        for (Path base : List.of(gitDir, commonDir)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String hash = Files.readString(loose, StandardCharsets.UTF_8).trim();
                return HASH.matcher(hash).matches() ? hash : null;
            }
        }
        Path packed = commonDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0 && line.substring(space + 1).equals(ref) && HASH.matcher(line.substring(0, space)).matches()) {
                    return line.substring(0, space);
                }
            }
        }
        return null; // a branch without commits yet
    }
}
