package io.sluice.launch.checks;

import io.sluice.Suggestions;
import io.sluice.io.DataCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One check of a {@code checks} launcher's {@code before} list. */
sealed interface Check {
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    Duration GIT_TIMEOUT = Duration.ofSeconds(60);
    int SHOWN_FILES = 10;

    /** What a check sees: the project directory, the catalog and the environment. */
    record Context(Path projectDir, DataCatalog catalog, Map<String, String> env) {
    }

    /**
     * Why a check failed.
     *
     * @param kind  the check's kind as written ({@code git_clean})
     * @param found what it found
     * @param fix   what to do
     */
    record Failure(String kind, String found, String fix) {
        @Override
        public String toString() {
            return kind + ": " + found + "\n    Fix: " + fix;
        }
    }

    /** The check's kind as written in runners.yml. */
    String kind();

    /** Empty when the check passes. */
    Optional<Failure> verify(Context context);

    static Check of(ChecksConfig.BeforeItem item) {
        if (item.gitClean().isPresent()) {
            return new GitClean(item.gitClean().get());
        }
        if (item.env().isPresent()) {
            return new RequiredEnv(item.env().get());
        }
        if (item.command().isPresent()) {
            return new CommandExits(item.command().get(), item.timeout().orElse(DEFAULT_TIMEOUT));
        }
        return new DatasetsExist(item.datasetsExist().orElseThrow());
    }

    /** {@code git_clean: true}: {@code git status --porcelain} in the project directory prints nothing. */
    record GitClean(boolean on) implements Check {
        @Override
        public String kind() {
            return "git_clean";
        }

        @Override
        public Optional<Failure> verify(Context context) {
            return on ? verify(context, "git") : Optional.empty();
        }

        /** Runs {@code git status --porcelain} with the program {@code git} (a path in tests). */
        Optional<Failure> verify(Context context, String git) {
            Map<String, String> env = new HashMap<>(context.env());
            env.put("LC_ALL", "C"); // git's messages in English, whatever the user's locale
            env.put("GIT_OPTIONAL_LOCKS", "0"); // a read-only status never takes the index lock
            Commands.Result r = Commands.run(List.of(git, "status", "--porcelain"), context.projectDir(), env,
                    GIT_TIMEOUT);
            if (r.startError() != null) {
                return Optional.of(new Failure(kind(), "git could not be run (" + r.startError() + ")",
                        "Install git and put it on the PATH, or remove the git_clean check."));
            }
            if (r.exitCode() == 128 && r.output().contains("not a git repository")) {
                return Optional.of(new Failure(kind(), "the project directory " + context.projectDir()
                        + " is not in a git repository",
                        "Run 'git init' and commit the project, or remove the git_clean check."));
            }
            if (!r.ok()) {
                return Optional.of(new Failure(kind(), "git status " + r.problem(GIT_TIMEOUT),
                        "Make 'git status' work in the project directory, or remove the git_clean check."));
            }
            List<String> changed = Arrays.stream(r.output().split("\\R")).filter(l -> !l.isBlank()).toList();
            if (changed.isEmpty()) {
                return Optional.empty();
            }
            List<String> shown = new ArrayList<>(changed.subList(0, Math.min(SHOWN_FILES, changed.size())));
            if (changed.size() > SHOWN_FILES) {
                shown.add("... and " + (changed.size() - SHOWN_FILES) + " more");
            }
            return Optional.of(new Failure(kind(), changed.size() + " uncommitted change"
                    + (changed.size() == 1 ? "" : "s") + " in the project:\n      " + String.join("\n      ", shown),
                    "Commit them, or list generated files (.sluice/, data/) in .gitignore, then run again."));
        }
    }

    /** {@code env: [NAME, ...]}: each variable is set and not empty. Values are never shown. */
    record RequiredEnv(List<String> names) implements Check {
        @Override
        public String kind() {
            return "env";
        }

        @Override
        public Optional<Failure> verify(Context context) {
            List<String> missing = names.stream()
                    .filter(n -> context.env().get(n) == null || context.env().get(n).isEmpty()).toList();
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Failure(kind(), "environment variable" + (missing.size() == 1 ? " " : "s ")
                    + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " not set (or empty)",
                    "Export " + (missing.size() == 1 ? "it" : "them") + " before running, e.g. 'export "
                            + missing.get(0) + "=...'."));
        }
    }

    /** {@code command: [program, args...]}: exits 0 within {@code timeout}. */
    record CommandExits(List<String> argv, Duration timeout) implements Check {
        @Override
        public String kind() {
            return "command";
        }

        @Override
        public Optional<Failure> verify(Context context) {
            Commands.Result r = Commands.run(argv, context.projectDir(), context.env(), timeout);
            if (r.ok()) {
                return Optional.empty();
            }
            String fix = r.startError() != null
                    ? "Check the program's path (a relative one is resolved in the project directory) and that it is "
                    + "executable."
                    : r.timedOut() ? "Make it faster or raise the check's 'timeout'."
                    : "Fix what it reports, then run again.";
            return Optional.of(new Failure(kind(), argv + " " + r.problem(timeout), fix));
        }
    }

    /** {@code datasets_exist: [name, ...]}: each is a catalog dataset whose data exists. */
    record DatasetsExist(List<String> names) implements Check {
        @Override
        public String kind() {
            return "datasets_exist";
        }

        @Override
        public Optional<Failure> verify(Context context) {
            List<String> problems = new ArrayList<>();
            for (String name : names) {
                if (!context.catalog().isDeclared(name)) {
                    problems.add("'" + name + "' is not a dataset of the catalog."
                            + Suggestions.didYouMean(name, context.catalog().entryNames()));
                    continue;
                }
                try {
                    if (!context.catalog().dataset(name).exists()) {
                        problems.add("'" + name + "' does not exist");
                    }
                } catch (RuntimeException e) {
                    problems.add("'" + name + "' could not be checked: " + e.getMessage());
                }
            }
            if (problems.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Failure(kind(), String.join("; ", problems),
                    "Create the missing data (e.g. run the pipeline that writes it) or fix the names."));
        }
    }
}
