package io.sluice.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

/** The command line of the JVM a goal forks: its JVM options by JDK version. */
class ForkedJvmCommandLineTest {
    private static final Path JAVA = Path.of("/jdk/bin/java");
    private static final List<Path> CLASS_PATH = List.of(Path.of("/p/target/classes"), Path.of("/lib/cli.jar"));

    private static RunMojo mojo(String jvmArgs) {
        RunMojo mojo = new RunMojo();
        mojo.project = new MavenProject();
        mojo.project.setFile(new File("/p/pom.xml"));
        mojo.jvmArgs = jvmArgs;
        return mojo;
    }

    @Test
    void nativeAccessIsEnabledOnJdk24AndLaterBeforeTheUsersOptions() {
        assertThat(mojo("-Xmx1g").commandLine(JAVA, 25, CLASS_PATH)).startsWith("/jdk/bin/java",
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-cp", "/p/target/classes:/lib/cli.jar",
                "io.sluice.cli.SluiceMain", "-C");
        assertThat(mojo(null).commandLine(JAVA, 24, CLASS_PATH)).contains("--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void notOnJdk17To23NorWhenTheUsersOptionsDecideNativeAccess() {
        for (int feature : new int[] {17, 21, 23}) {
            assertThat(mojo(null).commandLine(JAVA, feature, CLASS_PATH)).as("Java " + feature)
                    .noneMatch(a -> a.startsWith("--enable-native-access"));
        }
        assertThat(mojo("--illegal-native-access=deny").commandLine(JAVA, 25, CLASS_PATH))
                .noneMatch(a -> a.startsWith("--enable-native-access")).contains("--illegal-native-access=deny");
        assertThat(mojo("--enable-native-access=ALL-UNNAMED").commandLine(JAVA, 25, CLASS_PATH))
                .containsOnlyOnce("--enable-native-access=ALL-UNNAMED");
    }
}
