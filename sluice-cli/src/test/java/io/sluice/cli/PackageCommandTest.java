package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice package}: a project built as bin/sluice expects it (target/classes and
 * target/sluice.classpath; here the classes of {@link RunsTestProject} and the class path of
 * sluice-cli) becomes a jar that {@code java -jar} runs with the config archive as
 * {@code --conf-source}; secrets stay out; two packages are byte-identical.
 */
@Timeout(180)
class PackageCommandTest {
    @TempDir
    Path tmp;
    Path project;

    @BeforeEach
    void buildProject() throws Exception {
        project = tmp.resolve("etl-project");
        RunsTestProject.write(project, tmp.resolve("unused-services"));
        Files.writeString(project.resolve("conf/base/credentials.yml"), "db:\n  password: base-secret\n");
        Files.writeString(project.resolve("conf/prod/credentials_extra.yml"), "api:\n  token: prod-secret\n");
        Files.writeString(project.resolve("conf/local/parameters.yml"), "factor: 99\n");
        Files.writeString(project.resolve("conf/prod/parameters.yml"), "factor: 7\n");
        // target/classes: the project's classes and its service entry, as its build would leave them
        Path testClasses = Path.of(RunsTestProject.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path classes = project.resolve("target/classes");
        Path pkg = Files.createDirectories(classes.resolve("io/sluice/cli"));
        try (Stream<Path> files = Files.list(testClasses.resolve("io/sluice/cli"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("RunsTestProject")).toList()) {
                Files.copy(f, pkg.resolve(f.getFileName()));
            }
        }
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("io.sluice.project.Project"), RunsTestProject.class.getName() + "\n");
        // target/sluice.classpath: sluice-core, as a project depends on it (the CLI's class path is added by
        // sluice package, as by bin/sluice)
        Path core = Path.of(io.sluice.project.Project.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.writeString(project.resolve("target/sluice.classpath"), core.toString());
    }

    private Cli sluice(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-C";
        all[1] = project.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(all);
    }

    @Test
    void theJarRunsTheProjectsPipelineWithTheConfigArchive() throws Exception {
        Cli cli = sluice("package", "--out", tmp.resolve("dist").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("etl-project.jar", "conf-etl-project.tar.gz", "left out: conf/base/credentials.yml");

        Path dist = tmp.resolve("dist");
        try (JarFile jar = new JarFile(dist.resolve("etl-project.jar").toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.sluice.cli.SluiceMain");
            // java -jar on JDK 24+ then loads DuckDB's and ONNX Runtime's native code without a warning
            assertThat(jar.getManifest().getMainAttributes().getValue("Enable-Native-Access")).isEqualTo("ALL-UNNAMED");
            // sluice-core is a folder on the class path in a reactor test run (made into lib/sluice-core.jar),
            // its packaged jar in a verify run or from the local repository
            assertThat(jar.getManifest().getMainAttributes().getValue("Class-Path"))
                    .containsPattern("lib/sluice-core(-[0-9][^ ]*)?\\.jar")
                    .containsPattern("lib/sluice-cli(-[0-9][^ ]*)?\\.jar") // the CLI's class path, added
                    .containsOnlyOnce("jackson-databind");
        }
        // deployed: a working directory with the data, no conf/, the config from the archive
        Path work = Files.createDirectories(tmp.resolve("work/data"));
        Files.writeString(work.resolve("raw.json"), "1");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", dist.resolve("etl-project.jar").toString(),
                "-C", work.getParent().toString(), "--conf-source", dist.resolve("conf-etl-project.tar.gz").toString(),
                "run", "-p", "etl", "--env", "prod")
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        run.getInputStream().transferTo(output);
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(run.exitValue()).as(output.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Files.readString(work.resolve("out.json")).trim()).isEqualTo("21"); // 3 * prod's factor 7
    }

    @Test
    void secretsAndConfLocalStayOutOfTheArchive() throws IOException {
        assertThat(sluice("package").exitCode()).isZero();

        String tar = gunzip(project.resolve("dist/conf-etl-project.tar.gz"));
        assertThat(tar).contains("conf/base/catalog.yml", "conf/prod/parameters.yml")
                .doesNotContain("credentials", "secret", "conf/local", "factor: 99");
    }

    @Test
    void twoPackagesOfTheSameProjectAreByteIdentical() throws IOException {
        assertThat(sluice("package", "--out", tmp.resolve("a").toString()).exitCode()).isZero();
        Files.setLastModifiedTime(project.resolve("conf/base/catalog.yml"),
                java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        assertThat(sluice("package", "--out", tmp.resolve("b").toString()).exitCode()).isZero();

        List<Path> files = files(tmp.resolve("a"));
        assertThat(files).isEqualTo(files(tmp.resolve("b"))).contains(Path.of("etl-project.jar"),
                Path.of("conf-etl-project.tar.gz"));
        for (Path f : files) {
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f))).as(f.toString())
                    .isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
        }
    }

    @Test
    void anUnbuiltProjectIsAnErrorSayingHowToBuildIt() throws IOException {
        Files.delete(project.resolve("target/sluice.classpath"));

        Cli cli = sluice("package");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err()).contains("target/sluice.classpath is missing", "mvn -q package");
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
