package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code bin/sluice} chooses the JDK, the JVM options and the class data archive or AOT cache,
 * without real JDKs: the JDKs are directories with a small {@code bin/java} script that prints a
 * version, assembles an "AOT cache" (the word {@code good}) from a "configuration" that holds
 * {@code good} (or {@code unlinked-only}, when told {@code -XX:-AOTClassLinking}), and accepts an archive or cache only if it holds {@code good}. The launcher runs
 * with {@code SLUICE_LAUNCHER_DRY_RUN=1}: it does everything but the final {@code exec} and prints
 * the java command instead.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherJdkChoiceTest {
    private static final Path LAUNCHER = Path.of("").toAbsolutePath().resolveSibling("bin").resolve("sluice");
    private static final Pattern RECORD = Pattern.compile("-XX:AOTConfiguration=(\\S+\\.aotconf\\.\\d+\\.tmp)");
    private static final Pattern DUMP = Pattern.compile("-XX:ArchiveClassesAtExit=(\\S+\\.jsa\\.\\d+\\.tmp)");

    @TempDir
    Path tmp;

    private Path jdks;
    private Path pathBin;
    private Path project;
    private final Map<String, String> env = new HashMap<>();

    record Result(int exitCode, String out, String err) {
        /** The java binary of the printed command. */
        String java() {
            return out.strip().split(" ")[0];
        }

        List<String> args() {
            return List.of(out.strip().split(" "));
        }
    }

    @BeforeEach
    void fakeMachine() throws IOException {
        jdks = Files.createDirectories(tmp.resolve("jvm"));
        pathBin = Files.createDirectories(tmp.resolve("path-bin"));
        project = Files.createDirectories(tmp.resolve("project"));
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.writeString(lib.resolve("a.jar"), "a");
        Files.writeString(lib.resolve("b.jar"), "b");
        Files.writeString(lib.resolve("sluice-cli.jar"), "cli");
        Files.createDirectories(project.resolve("target/classes"));
        Files.writeString(project.resolve("target/sluice.classpath"), lib.resolve("a.jar") + ":" + lib.resolve("b.jar"));
        env.put("PATH", pathBin + ":/usr/bin:/bin");
        env.put("SLUICE_JDK_DIRS", jdks.toString());
        env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        env.put("SLUICE_LAUNCHER_DRY_RUN", "1");
        // the CLI's class path, a jar like after mvn install (in this build sluice-cli/target/classes, a
        // folder, would turn the archive off)
        env.put("SLUICE_CLI_CLASSPATH", lib.resolve("sluice-cli.jar").toString());
    }

    /** A fake JDK at {@code dir} whose java says it is {@code version} ("17.0.15", "1.8.0_392"). */
    private static Path fakeJdk(Path dir, String version) throws IOException {
        Path java = dir.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Files.writeString(java, """
                #!/bin/sh
                echo "$*" >>'%s'
                archive= mode= conf= version= unlinked=
                for a in "$@"; do
                  case "$a" in
                    -XX:-AOTClassLinking) unlinked=1 ;;
                    -XX:SharedArchiveFile=* | -XX:AOTCache=*) archive=${a#*=} ;;
                    -XX:AOTMode=*) mode=${a#*=} ;;
                    -XX:AOTConfiguration=*) conf=${a#*=} ;;
                    -version) version=1 ;;
                  esac
                done
                if [ "$mode" = create ]; then
                  recorded=$(cat "$conf")
                  [ "$recorded" = good ] || { [ "$recorded" = unlinked-only ] && [ -n "$unlinked" ]; } ||
                    { echo "bad configuration" >&2; exit 1; }
                  echo good >"$archive"
                  exit 0
                fi
                if [ -n "$archive" ] && [ "$(cat "$archive")" != good ]; then
                  echo "Unable to use shared archive" >&2
                  exit 1
                fi
                if [ -n "$version" ]; then
                  echo 'openjdk version "%s" 2025-10-21' >&2
                  exit 0
                fi
                echo "fake java ran: $*"
                """.formatted(dir.resolve("calls"), version));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** A JDK whose java does not start (a damaged installation). */
    private static Path brokenJdk(Path dir, String releaseVersion) throws IOException {
        Path java = dir.resolve("bin/java");
        Files.createDirectories(java.getParent());
        Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"" + releaseVersion + "\"\n");
        Files.writeString(java, """
                #!/bin/sh
                echo "$*" >>'%s'
                echo "Error: dl failure on line 542: libjvm.so: cannot open shared object file" >&2
                exit 1
                """.formatted(dir.resolve("calls")));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    /** The fake java that {@code java} on PATH runs. */
    private Path javaOnPath(String version) throws IOException {
        Path java = fakeJdk(tmp.resolve("path-jdk"), version);
        Files.deleteIfExists(pathBin.resolve("java"));
        Files.createSymbolicLink(pathBin.resolve("java"), java);
        return java;
    }

    private static int calls(Path java) throws IOException {
        Path calls = java.getParent().resolveSibling("calls");
        return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
    }

    private Result launch(String... args) throws Exception {
        return launchWith(LAUNCHER, args);
    }

    /** Runs {@code launcher} (the repository's, or a copy in a tree of a test's own) on the project. */
    private Result launchWith(Path launcher, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "-C", project.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> e = pb.environment();
        for (String name : List.of("JAVA_HOME", "SLUICE_JDK", "SLUICE_JAVA_OPTS", "SLUICE_CDS", "SLUICE_ENV")) {
            e.remove(name);
        }
        e.putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bin/sluice finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result ok(String... args) throws Exception {
        Result r = launch(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return r;
    }

    private List<String> cacheFiles() throws IOException {
        Path dir = project.resolve(".sluice/cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void choosesTheNewestEligibleJdk() throws Exception {
        javaOnPath("17.0.15");
        fakeJdk(jdks.resolve("jdk-21"), "21.0.5");
        Path jdk25 = fakeJdk(jdks.resolve("temurin-25-jdk"), "25.0.1");
        fakeJdk(jdks.resolve("jdk-22"), "22");

        assertThat(ok("run").java()).isEqualTo(jdk25.toRealPath().toString());
    }

    @Test
    void onATieJavaOnPathWinsAndSymlinkedDuplicatesCountOnce() throws Exception {
        Path onPath = javaOnPath("21.0.5");
        fakeJdk(jdks.resolve("other-21"), "21.0.2");
        Files.createSymbolicLink(jdks.resolve("java-1.21.0-alias"), onPath.getParent().getParent());

        assertThat(ok("run").java()).isEqualTo(onPath.toRealPath().toString());
        assertThat(calls(onPath)).as("java -version probes of the one binary").isEqualTo(1);
    }

    @Test
    void theVersionProbeIsRunOncePerBinary() throws Exception {
        Path onPath = javaOnPath("17.0.15");
        Path jdk25 = fakeJdk(jdks.resolve("jdk-25"), "25.0.1");

        ok("run");
        ok("run");
        ok("pipelines", "list");

        assertThat(calls(onPath)).isEqualTo(1);
        assertThat(calls(jdk25)).isEqualTo(1);

        Files.setLastModifiedTime(jdk25, FileTime.fromMillis(System.currentTimeMillis() + 5_000)); // a JDK update
        ok("run");
        assertThat(calls(jdk25)).isEqualTo(2);
    }

    @Test
    void javaHomeWins() throws Exception {
        javaOnPath("17.0.15");
        Path jdk21 = fakeJdk(jdks.resolve("jdk-21"), "21.0.5");
        fakeJdk(jdks.resolve("jdk-25"), "25.0.1");
        env.put("JAVA_HOME", jdk21.getParent().getParent().toString());

        assertThat(ok("run").java()).isEqualTo(jdk21.toRealPath().toString());
    }

    @Test
    void sluiceJdkWinsOverJavaHomeAndTakesAJavaBinaryToo() throws Exception {
        javaOnPath("25.0.1");
        Path jdk17 = fakeJdk(jdks.resolve("jdk-17"), "17.0.15");
        Path jdk21 = fakeJdk(jdks.resolve("jdk-21"), "21.0.5");
        env.put("JAVA_HOME", jdk21.getParent().getParent().toString());
        env.put("SLUICE_JDK", jdk17.getParent().getParent().toString());

        assertThat(ok("run").java()).isEqualTo(jdk17.toRealPath().toString());

        env.put("SLUICE_JDK", jdk17.toString());
        assertThat(ok("run").java()).isEqualTo(jdk17.toRealPath().toString());
    }

    @Test
    void jdksOlderThan17AreIgnored() throws Exception {
        javaOnPath("1.8.0_392");
        fakeJdk(jdks.resolve("jdk-11"), "11.0.21");
        fakeJdk(jdks.resolve("jdk-16"), "16");
        Path jdk17 = fakeJdk(jdks.resolve("jdk-17"), "17");

        assertThat(ok("run").java()).isEqualTo(jdk17.toRealPath().toString());
    }

    @Test
    void withoutAnEligibleJdkTheLauncherSaysSo() throws Exception {
        javaOnPath("1.8.0_392");
        Path jdk11 = fakeJdk(jdks.resolve("jdk-11"), "11.0.21");

        Result none = launch("run");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).isEmpty();
        assertThat(none.err()).contains("no Java 17 or newer found", "JAVA_HOME");

        env.put("JAVA_HOME", jdk11.getParent().getParent().toString());
        Result old = launch("run");
        assertThat(old.exitCode()).isEqualTo(1);
        assertThat(old.err()).contains("is Java 11; Sluice needs Java 17 or newer");
    }

    @Test
    void aBrokenNewerJdkIsPassedOverAndNotProbedOnEveryLaunch() throws Exception {
        javaOnPath("17.0.15");
        Path jdk25 = fakeJdk(jdks.resolve("jdk-25"), "25.0.1");
        Path broken = brokenJdk(jdks.resolve("jdk-26"), "26");

        Result first = ok("run");
        Result second = ok("run");

        assertThat(first.java()).isEqualTo(jdk25.toRealPath().toString());
        assertThat(first.err()).contains(broken.toRealPath() + " (Java 26) does not start", "SLUICE_JDK");
        assertThat(second.java()).isEqualTo(jdk25.toRealPath().toString());
        assertThat(calls(broken)).as("the failed probe is remembered").isEqualTo(1);
    }

    @Test
    void aBrokenJdkGivenByJavaHomeIsAnError() throws Exception {
        javaOnPath("17.0.15");
        Path broken = brokenJdk(jdks.resolve("jdk-25"), "25");
        env.put("JAVA_HOME", broken.getParent().getParent().toString());

        Result r = launch("run");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("JAVA_HOME=", "the JDK does not start");
    }

    @Test
    void onJdk24AndLaterTheFirstRunRecordsTheNextLaunchAssemblesTheAotCacheAndRunsUseIt() throws Exception {
        javaOnPath("17.0.15");
        fakeJdk(jdks.resolve("jdk-24"), "24.0.2");

        Result first = ok("run");
        assertThat(first.args()).contains("-XX:AOTMode=record")
                .noneMatch(a -> a.startsWith("-XX:AOTCache=") || a.startsWith("-XX:SharedArchiveFile")
                        || a.startsWith("-XX:ArchiveClassesAtExit"));
        Files.writeString(Path.of(group(RECORD, first.out())), "good"); // what that JVM recorded at its exit

        Result second = ok("run");
        assertThat(cacheFiles()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+-cli\\.aot"));
        String cache = project.toRealPath().resolve(".sluice/cds").resolve(cacheFiles().get(0)).toString();
        assertThat(second.args()).contains("-XX:AOTCache=" + cache).doesNotContain("-XX:AOTMode=record");

        assertThat(ok("run").args()).contains("-XX:AOTCache=" + cache);
    }

    @Test
    void onJdk17TheFirstRunWritesAnAppCdsArchiveThatRunsThenMap() throws Exception {
        javaOnPath("17.0.15");

        Result first = ok("run");
        assertThat(first.args()).noneMatch(a -> a.startsWith("-XX:AOT"));
        Files.writeString(Path.of(group(DUMP, first.out())), "good");

        Result second = ok("run");
        assertThat(cacheFiles()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+\\.jsa"));
        String archive = project.toRealPath().resolve(".sluice/cds").resolve(cacheFiles().get(0)).toString();
        assertThat(second.args()).contains("-XX:SharedArchiveFile=" + archive)
                .noneMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit") || a.startsWith("-XX:AOT"));
    }

    @Test
    void onNewerJdksUnsafeMemoryAccessIsAllowedAsOn17() throws Exception {
        javaOnPath("17.0.15");
        assertThat(ok("run").args()).noneMatch(a -> a.startsWith("--sun-misc-unsafe-memory-access"));

        fakeJdk(jdks.resolve("jdk-25"), "25.0.1");
        assertThat(ok("run").args()).contains("--sun-misc-unsafe-memory-access=allow")
                .noneMatch(a -> a.startsWith("--illegal-native-access"));
    }

    @Test
    void nativeAccessIsEnabledOnJdk24AndLaterOnlyWhereJniLoadsWarnAndTheCacheKeepsItsModuleGraph() throws Exception {
        // JDK 17-23 load native libraries silently; there the option would only switch off the
        // archived module graph of the JDK's class data
        for (String version : List.of("17.0.15", "21.0.5", "23.0.2")) {
            env.put("SLUICE_JDK", fakeJdk(jdks.resolve("jdk-" + version), version).toString());
            assertThat(ok("run").args()).as("Java " + version).noneMatch(a -> a.startsWith("--enable-native-access"));
        }
        Path jdk24 = fakeJdk(jdks.resolve("jdk-24"), "24.0.2");
        env.put("SLUICE_JDK", jdk24.toString());
        assertThat(ok("pipelines", "list").args()).containsOnlyOnce("--enable-native-access=ALL-UNNAMED");

        Path jdk25 = fakeJdk(jdks.resolve("jdk-25"), "25.0.1");
        env.put("SLUICE_JDK", jdk25.toString());
        Result first = ok("run");
        assertThat(first.args()).containsOnlyOnce("--enable-native-access=ALL-UNNAMED").contains("-XX:AOTMode=record");
        assertThat(first.args().indexOf("--enable-native-access=ALL-UNNAMED"))
                .isLessThan(first.args().indexOf("io.sluice.cli.SluiceMain"));
        Files.writeString(Path.of(group(RECORD, first.out())), "good");

        Result second = ok("run");
        assertThat(second.args()).contains("--enable-native-access=ALL-UNNAMED")
                .anyMatch(a -> a.startsWith("-XX:AOTCache="));
        // the cache is assembled, and checked, with the runs' module options: a cache made without
        // them is refused ("Mismatched values for property jdk.module.enable.native.access") or
        // keeps no module graph
        List<String> assembly = Files.readAllLines(jdk25.getParent().resolveSibling("calls")).stream()
                .filter(line -> line.contains("-XX:AOTMode=create") || line.contains("-XX:AOTMode=on"))
                .toList();
        assertThat(assembly).hasSize(2).allMatch(line -> line.contains("--enable-native-access=ALL-UNNAMED"));
    }

    /** Puts a jar named like sluice-spark's on the project's class path. */
    private void sparkOnTheClassPath() throws IOException {
        Path lib = tmp.resolve("lib");
        Path spark = Files.writeString(lib.resolve("sluice-spark-0.1.0-SNAPSHOT.jar"), "s");
        Path cpFile = project.resolve("target/sluice.classpath");
        Files.writeString(cpFile, Files.readString(cpFile) + ":" + spark);
    }

    @Test
    void sparksModuleOptionsOnlyWhenSluiceSparkIsOnTheClassPathAndTheyKeyTheCache() throws Exception {
        javaOnPath("17.0.15");
        List<String> plain = ok("run").args();
        assertThat(plain).noneMatch(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")
                || a.startsWith("--enable-native-access"));
        String plainArchive = group(DUMP, String.join(" ", plain));

        sparkOnTheClassPath();
        List<String> spark = ok("pipelines", "list").args();
        assertThat(spark).contains("-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                "-Djdk.reflect.useDirectMethodHandle=false", "--enable-native-access=ALL-UNNAMED");
        assertThat(spark.indexOf("--add-opens=java.base/java.lang=ALL-UNNAMED"))
                .isLessThan(spark.indexOf("io.sluice.cli.SluiceMain"));
        // Not a tuning option: SLUICE_JAVA_OPTS does not replace them.
        env.put("SLUICE_JAVA_OPTS", "-Xmx1g");
        assertThat(ok("run").args()).contains("-Xmx1g", "--add-opens=java.base/java.nio=ALL-UNNAMED");
        env.remove("SLUICE_JAVA_OPTS");
        // Another class path and other module options: another archive.
        assertThat(group(DUMP, String.join(" ", ok("run").args()))).isNotEqualTo(plainArchive);
    }

    @Test
    void aSparkProjectGetsTheNewestJdkSparkRunsOnElseTheNewestWithAWarning() throws Exception {
        javaOnPath("17.0.15");
        Path jdk21 = fakeJdk(jdks.resolve("jdk-21"), "21.0.5");
        Path jdk25 = fakeJdk(jdks.resolve("temurin-25-jdk"), "25.0.1");
        assertThat(ok("run").java()).isEqualTo(jdk25.toRealPath().toString());

        sparkOnTheClassPath();
        Result r = ok("run");
        assertThat(r.java()).isEqualTo(jdk21.toRealPath().toString());
        assertThat(r.err()).doesNotContain("warning");

        // Chosen by the user: used, with a warning saying what fails and what to do.
        env.put("JAVA_HOME", jdk25.getParent().getParent().toString());
        r = ok("run");
        assertThat(r.java()).isEqualTo(jdk25.toRealPath().toString());
        assertThat(r.err()).contains("Java 25 for a project with sluice-spark", "Java 17 and 21", "SLUICE_JDK");
        env.remove("JAVA_HOME");

        // Nothing Spark runs on: the newest, with the warning.
        Path onPath = javaOnPath("25.0.2");
        deleteTree(jdks.resolve("jdk-21"));
        r = ok("run");
        assertThat(r.java()).isEqualTo(onPath.toRealPath().toString());
        assertThat(r.err()).contains("Java 25 for a project with sluice-spark");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** Wraps the commands the launcher's slow path runs, so that a test sees whether it ran them. */
    private Path logHelperCommands() throws IOException {
        Path log = tmp.resolve("helper-commands");
        for (String name : List.of("readlink", "stat", "find", "cksum")) {
            Path wrapper = pathBin.resolve(name);
            Files.writeString(wrapper, """
                    #!/bin/sh
                    echo %s >>'%s'
                    exec /usr/bin/%s "$@"
                    """.formatted(name, log, name));
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return log;
    }

    @Test
    void aLaunchWithNothingChangedRunsNoHelperProcessAndGivesTheSameCommand() throws Exception {
        javaOnPath("17.0.15");
        fakeJdk(jdks.resolve("jdk-21"), "21.0.5");
        Path log = logHelperCommands();
        String first = withoutPids(ok("run").out());
        assertThat(log).as("the first launch works the JDK and the cache key out").exists();
        Files.delete(log);

        String second = withoutPids(ok("run").out());
        String third = withoutPids(ok("run").out());

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(log).as("remembered: no readlink, stat, find or cksum").doesNotExist();
    }

    @Test
    void theRememberedJdkGivesWayToANewerOneAJdkUpdatedInPlaceAndARepointedLink() throws Exception {
        Path onPath = javaOnPath("17.0.15");
        assertThat(ok("run").java()).isEqualTo(onPath.toRealPath().toString());

        Path jdk21 = fakeJdk(jdks.resolve("jdk-21"), "21.0.5"); // installed later
        assertThat(ok("run").java()).isEqualTo(jdk21.toRealPath().toString());

        Path other = fakeJdk(tmp.resolve("other-jdk"), "25.0.1"); // java on PATH re-pointed
        Files.delete(pathBin.resolve("java"));
        Files.createSymbolicLink(pathBin.resolve("java"), other);
        assertThat(ok("run").java()).isEqualTo(other.toRealPath().toString());

        fakeJdk(tmp.resolve("other-jdk"), "17.0.16"); // updated in place: same path, now 17
        Files.setLastModifiedTime(other, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(ok("run").java()).isEqualTo(jdk21.toRealPath().toString());
    }

    @Test
    void aRebuiltJarMakesANewCacheKeyThoughTheKeyIsRemembered() throws Exception {
        javaOnPath("17.0.15");
        String first = archive(ok("run"));
        assertThat(archive(ok("run"))).isEqualTo(first);

        Path jar = tmp.resolve("lib/b.jar");
        Files.writeString(jar, "b, rebuilt");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));

        assertThat(archive(ok("run"))).isNotEqualTo(first);
    }

    /** A printed command without the pids that name the temporary files of first runs. */
    private static String withoutPids(String command) {
        return command.replaceAll("\\.\\d+\\.tmp", "");
    }

    /** The archive a first run writes (sluice-KEY.jsa), without the writer's pid. */
    private static String archive(Result r) {
        return group(DUMP, r.out()).replaceAll("\\.\\d+\\.tmp$", "");
    }

    @Test
    void runGetsC2AndASmallYoungGenerationOtherCommandsC1AndServeC2() throws Exception {
        javaOnPath("17.0.15");
        List<String> heap = List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-XX:+UseCompressedOops");

        assertThat(ok("run").args()).containsAll(heap).contains("-Xmn64m").doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(ok("-q", "run", "-p", "x").args()).doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(ok("pipelines", "list").args()).containsAll(heap).contains("-XX:TieredStopAtLevel=1", "-Xmn64m");
        assertThat(ok("serve", "--port", "0").args()).containsAll(heap)
                .doesNotContain("-XX:TieredStopAtLevel=1", "-Xmn64m");
    }

    @Test
    void onJdk24TheCliCacheIsRecordedWithC1OnlyAndServeRecordsItsOwn() throws Exception {
        javaOnPath("25.0.1");

        Result run = ok("run");
        Result serve = ok("serve", "--port", "0");

        assertThat(run.args()).contains("-XX:AOTMode=record", "-XX:TieredStopAtLevel=1");
        assertThat(serve.args()).contains("-XX:AOTMode=record").doesNotContain("-XX:TieredStopAtLevel=1");
        Files.writeString(Path.of(group(RECORD, run.out())), "good");
        Files.writeString(Path.of(group(RECORD, serve.out())), "good");

        Result nextRun = ok("run");

        assertThat(cacheFiles()).hasSize(2).allMatch(name -> name.matches("sluice-\\d+-(cli|serve)\\.aot"));
        assertThat(nextRun.args()).doesNotContain("-XX:TieredStopAtLevel=1")
                .anyMatch(a -> a.matches("-XX:AOTCache=.*/sluice-\\d+-cli\\.aot"));
        assertThat(ok("serve").args()).anyMatch(a -> a.matches("-XX:AOTCache=.*/sluice-\\d+-serve\\.aot"));
        assertThat(ok("pipelines", "list").args()).contains("-XX:TieredStopAtLevel=1")
                .anyMatch(a -> a.matches("-XX:AOTCache=.*/sluice-\\d+-cli\\.aot"));
    }

    @Test
    void sluiceJavaOptsReplacesTheDefaultOptionsButNotTheCache() throws Exception {
        javaOnPath("25.0.1");
        env.put("SLUICE_JAVA_OPTS", "-Xmx1g -XX:+UseG1GC");

        Result r = ok("run");

        assertThat(r.args()).contains("-Xmx1g", "-XX:+UseG1GC", "-XX:AOTMode=record")
                .noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-XX:MaxRAMPercentage")
                        || a.equals("-XX:+UseSerialGC") || a.startsWith("-Xmn"));
    }

    @Test
    void sluiceNewRunsOnTheChosenJdkWithoutAProject() throws Exception {
        javaOnPath("17.0.15");
        Path jdk25 = fakeJdk(jdks.resolve("jdk-25"), "25.0.1");
        project = tmp.resolve("no-such-project");

        Result r = ok("new", "demo");

        assertThat(r.java()).isEqualTo(jdk25.toRealPath().toString());
        assertThat(r.args()).contains("io.sluice.cli.SluiceMain", "new", "demo")
                .anyMatch(a -> a.startsWith("-Dsluice.launcher="));
    }

    @Test
    void aTruncatedAotCacheOfADeadAssemblerIsDeletedNotUsed() throws Exception {
        javaOnPath("25.0.1");
        Result first = ok("run");
        String conf = group(RECORD, first.out());
        String key = conf.replaceAll(".*/sluice-(\\d+)-cli\\.aotconf\\..*", "$1");
        Path dead = project.resolve(".sluice/cds/sluice-" + key + "-cli.aot." + deadPid() + ".tmp");
        Files.writeString(dead, "goo"); // as if killed while assembling

        Result next = ok("run");

        assertThat(dead).doesNotExist();
        assertThat(next.args()).noneMatch(a -> a.startsWith("-XX:AOTCache="));
    }

    @Test
    void aTruncatedRecordingIsNotAssembledAgainAndRunsGoOnWithoutACache() throws Exception {
        javaOnPath("25.0.1");
        Files.writeString(Path.of(group(RECORD, ok("run").out())), "go"); // killed while recording

        Result second = ok("run");
        Result third = ok("run");

        assertThat(cacheFiles()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+-cli\\.aot\\.failed"));
        for (Result r : List.of(second, third)) {
            assertThat(r.args()).noneMatch(a -> a.startsWith("-XX:AOT")).contains("io.sluice.cli.SluiceMain");
        }
    }

    @Test
    void aRecordingOfARunningJvmIsLeftAlone() throws Exception {
        javaOnPath("25.0.1");
        String conf = group(RECORD, ok("run").out());
        // written by a JVM still running: this test's
        Path live = Path.of(conf.replaceAll("\\.\\d+\\.tmp$", "." + ProcessHandle.current().pid() + ".tmp"));
        Files.writeString(live, "good");

        Result r = ok("run");

        assertThat(live).exists();
        assertThat(r.args()).contains("-XX:AOTMode=record");
    }

    @Test
    void aCacheOfAnotherJdkOrJarIsNotUsedAndIsDeletedWhenTheNewOneIsInPlace() throws Exception {
        javaOnPath("25.0.1");
        Files.writeString(Path.of(group(RECORD, ok("run").out())), "good");
        ok("run");
        String old = cacheFiles().get(0);

        Path jar = tmp.resolve("lib/b.jar");
        Files.writeString(jar, "b, rebuilt");
        Result afterRebuild = ok("run");

        assertThat(afterRebuild.args()).contains("-XX:AOTMode=record").noneMatch(a -> a.startsWith("-XX:AOTCache="));
        Files.writeString(Path.of(group(RECORD, afterRebuild.out())), "good");
        Result next = ok("run");
        List<String> now = cacheFiles();
        assertThat(now).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+-cli\\.aot")
                .isNotEqualTo(old));
        assertThat(next.args()).anyMatch(a -> a.startsWith("-XX:AOTCache=") && a.endsWith(now.get(0)));
    }

    @Test
    void aTruncatedAppCdsArchiveIsDeletedNotUsed() throws Exception {
        javaOnPath("17.0.15");
        Files.writeString(Path.of(group(DUMP, ok("run").out())), "partial");

        Result next = ok("run");

        assertThat(next.args()).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile="))
                .anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void sluiceCdsOffUsesNoCache() throws Exception {
        javaOnPath("25.0.1");
        env.put("SLUICE_CDS", "off");

        assertThat(ok("run").args()).noneMatch(a -> a.startsWith("-XX:AOT") || a.startsWith("-XX:SharedArchive")
                || a.startsWith("-XX:ArchiveClasses"));
        assertThat(cacheFiles()).isEmpty();
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    /** An empty file at {@code path} under {@code dir}: a jar as far as the launcher can tell. */
    private static Path jarAt(Path dir, String path) throws IOException {
        Path jar = dir.resolve(path);
        Files.createDirectories(jar.getParent());
        return Files.writeString(jar, "jar");
    }

    @Test
    void theClisClassPathJoinsTheProjectsWhoseLibrariesWinAndWhoseOldCliIsLeftOut() throws Exception {
        javaOnPath("17.0.15");
        Path repo = tmp.resolve("repo");
        Path oldCli = jarAt(repo, "io/sluice/sluice-cli/0.0.9/sluice-cli-0.0.9.jar");
        Path core = jarAt(repo, "io/sluice/sluice-core/0.0.9/sluice-core-0.0.9.jar");
        Path jackson = jarAt(repo, "com/x/jackson-core/2.21.0/jackson-core-2.21.0.jar");
        Path cli = jarAt(tmp, "sluice/sluice-cli/target/sluice-cli-0.1.0.jar");
        Path cliCore = jarAt(repo, "io/sluice/sluice-core/0.1.0/sluice-core-0.1.0.jar");
        Path cliJackson = jarAt(repo, "com/x/jackson-core/2.20.1/jackson-core-2.20.1.jar");
        Path logback = jarAt(repo, "ch/qos/logback-classic/1.5.21/logback-classic-1.5.21.jar");
        Files.writeString(project.resolve("target/sluice.classpath"), oldCli + ":" + core + ":" + jackson);
        env.put("SLUICE_CLI_CLASSPATH", cli + ":" + cliCore + ":" + cliJackson + ":" + logback);

        Result r = ok("run");

        List<String> args = r.args();
        assertThat(args.get(args.indexOf("-cp") + 1)).isEqualTo(core + ":" + jackson + ":" + cli + ":" + logback);
        assertThat(r.err()).contains("sluice: warning: the project uses sluice-core 0.0.9, this sluice command is "
                + "0.1.0");
    }

    @Test
    void theProjectsPackagedJarJoinsTheClassPathWhenNoCompiledClassIsNewer() throws Exception {
        javaOnPath("17.0.15");
        Path classes = project.resolve("target/classes");
        Path compiled = Files.writeString(classes.resolve("App.class"), "x");
        Files.setLastModifiedTime(compiled, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Path jar = Files.writeString(project.resolve("target/app-1.0.jar"), "jar");
        Files.writeString(project.resolve("target/app-1.0-sources.jar"), "sources"); // not a candidate

        List<String> args = ok("run").args();

        String classPath = args.get(args.indexOf("-cp") + 1);
        assertThat(classPath).endsWith(":" + project.toRealPath().resolve("target/app-1.0.jar"));
        assertThat(args).noneMatch(a -> a.startsWith("-Dsluice.project.classpath"));
        assertThat(jar).exists();
    }

    @Test
    void classesCompiledAfterThePackagedJarRunFromTargetClasses() throws Exception {
        javaOnPath("17.0.15");
        Path jar = Files.writeString(project.resolve("target/app-1.0.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(project.resolve("target/classes/App.class"), "recompiled");

        List<String> args = ok("run").args();

        assertThat(args).contains("-Dsluice.project.classpath=" + project.toRealPath().resolve("target/classes"));
        assertThat(args.get(args.indexOf("-cp") + 1)).doesNotContain("app-1.0.jar");
    }

    @Test
    void inASourceTreeTheClisJarRunsUnlessAClassWasCompiledAfterItAndNoHelperProcessDecides() throws Exception {
        // a copy of the launcher in a source tree of its own: <home>/bin/sluice, <home>/sluice-cli/target
        Path home = tmp.resolve("source-tree");
        Path launcher = Files.createDirectories(home.resolve("bin")).resolve("sluice");
        Files.copy(LAUNCHER, launcher);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path target = Files.createDirectories(home.resolve("sluice-cli/target"));
        Files.writeString(target.resolve("sluice-cli.classpath"), tmp.resolve("lib/b.jar").toString());
        Path compiled = Files.createDirectories(target.resolve("classes/io/sluice/cli")).resolve("SluiceMain.class");
        Files.writeString(compiled, "compiled");
        Files.setLastModifiedTime(compiled, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        for (Path d = compiled.getParent(); d.startsWith(target.resolve("classes")); d = d.getParent()) {
            Files.setLastModifiedTime(d, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        }
        Path jar = Files.writeString(target.resolve("sluice-cli-0.1.0.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        env.remove("SLUICE_CLI_CLASSPATH");
        javaOnPath("17.0.15");
        assertThat(launchWith(launcher, "run").exitCode()).isZero(); // remembers the JDK and the cache key
        Path log = logHelperCommands();

        String packaged = launchWith(launcher, "run").args().stream().filter(a -> a.contains("sluice-cli"))
                .findFirst().orElseThrow();
        Files.writeString(compiled, "recompiled"); // newer than the jar
        String recompiled = launchWith(launcher, "run").args().stream().filter(a -> a.contains("sluice-cli"))
                .findFirst().orElseThrow();

        assertThat(packaged).contains(jar.toRealPath().toString()).doesNotContain("classes");
        assertThat(recompiled).contains(target.toRealPath().resolve("classes").toString()).doesNotContain("sluice-cli-0.1.0.jar");
        String helpers = Files.exists(log) ? Files.readString(log) : "";
        assertThat(helpers).as("decided with shell builtins: no find").doesNotContain("find");
    }

    @Test
    void withTwoPackagedJarsTheLauncherDoesNotGuessAndRunsFromTargetClasses() throws Exception {
        javaOnPath("17.0.15");
        Files.writeString(project.resolve("target/app-1.0.jar"), "jar");
        Files.writeString(project.resolve("target/app-0.9.jar"), "old jar");

        List<String> args = ok("run").args();

        assertThat(args).contains("-Dsluice.project.classpath=" + project.toRealPath().resolve("target/classes"));
        assertThat(args.get(args.indexOf("-cp") + 1)).doesNotContain("app-");
    }

    @Test
    void aRecordingTheJdkCannotAssembleWithClassLinkingIsAssembledWithoutIt() throws Exception {
        Path java = javaOnPath("25.0.1");
        Files.writeString(Path.of(group(RECORD, ok("run").out())), "unlinked-only");

        Result second = ok("run");

        assertThat(cacheFiles()).singleElement().satisfies(name -> assertThat(name).matches("sluice-\\d+-cli\\.aot"));
        assertThat(second.args()).anyMatch(a -> a.startsWith("-XX:AOTCache="));
        List<String> creates = Files.readAllLines(java.getParent().resolveSibling("calls")).stream()
                .filter(c -> c.contains("-XX:AOTMode=create")).toList();
        assertThat(creates).hasSize(2);
        assertThat(creates.get(0)).doesNotContain("-XX:-AOTClassLinking");
        assertThat(creates.get(1)).contains("-XX:-AOTClassLinking");
    }
}
