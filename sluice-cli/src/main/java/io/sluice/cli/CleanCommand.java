package io.sluice.cli;

import io.sluice.SluiceException;
import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code sluice clean [--dry-run] [DIR...]}: removes what interrupted work left in the project
 * (see {@link ProjectLeftovers}). Needs no build of the project, only its directory.
 */
final class CleanCommand implements Command {

    private final SluiceMain root;
    final boolean dryRun;
    final List<Path> folders = new ArrayList<>();

    CleanCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        dryRun = args.flag("--dry-run");
        for (String folder : args.params()) {
            folders.add(Path.of(folder));
        }
    }

    static CommandDef definition() {
        return CommandDef.of("clean",
                        "Remove what interrupted work left under the project's data folders and .sluice/:",
                        "temporary files of writes whose process has ended (a kill, a crash, a full disk), checksum "
                                + "records of files that no longer exist, lock files of run journals no run holds, "
                                + "and class-data archives the launcher did not finish. Files of writes still in "
                                + "progress are left alone.")
                .withOptions(List.of(OptionDef.flag("--dry-run", "List what would be removed, and remove nothing.")))
                .withParams(ParamDef.any("DIR", "Data folders to clean, relative to the project (default: data). "
                        + ".sluice/ is always cleaned."))
                .withFooter("", "Examples:", "  sluice clean --dry-run          # list what would go",
                        "  sluice clean                    # data/ and .sluice/",
                        "  sluice clean data /mnt/shared   # these folders and .sluice/");
    }

    @Override
    public int call() {
        Path project = root.projectDir();
        List<Path> roots = new ArrayList<>();
        for (Path folder : folders.isEmpty() ? List.of(Path.of("data")) : folders) {
            roots.add(project.resolve(folder).normalize());
        }
        PrintWriter out = root.out;
        List<ProjectLeftovers.Leftover> found;
        try {
            found = ProjectLeftovers.find(project, roots);
        } catch (IOException e) {
            throw new SluiceException("Cannot look for leftovers under " + project + ": " + e, e);
        }
        long bytes = 0;
        int removed = 0;
        List<String> failures = new ArrayList<>();
        for (ProjectLeftovers.Leftover leftover : found) {
            String shown = display(project, leftover.file());
            if (dryRun) {
                out.println("would remove  " + shown + "  " + size(leftover.bytes()) + "  " + leftover.reason());
                bytes += leftover.bytes();
                removed++;
                continue;
            }
            try {
                if (leftover.remove()) {
                    out.println("removed  " + shown + "  " + size(leftover.bytes()) + "  " + leftover.reason());
                    bytes += leftover.bytes();
                    removed++;
                }
            } catch (IOException e) {
                failures.add(shown + ": " + e);
            }
        }
        if (removed == 0 && failures.isEmpty()) {
            out.println("Nothing to clean.");
        } else if (dryRun) {
            out.println("Would remove " + files(removed) + " (" + size(bytes) + "). Run without --dry-run to remove"
                    + " them.");
        } else {
            out.println("Removed " + files(removed) + " (" + size(bytes) + ").");
        }
        out.flush();
        if (!failures.isEmpty()) {
            throw new SluiceException("Could not remove " + files(failures.size()) + ": " + String.join("; ", failures));
        }
        return 0;
    }

    private static String display(Path project, Path file) {
        Path shown = file.startsWith(project) ? project.relativize(file) : file;
        return shown.toString().replace('\\', '/');
    }

    private static String files(int n) {
        return n + (n == 1 ? " file" : " files");
    }

    /** 512 B, 4.0 KiB, 370.2 MiB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
