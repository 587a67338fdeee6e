package io.sluice.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A real standalone Spark cluster on 127.0.0.1 — one master and one worker, each a JVM of its own
 * started from the Maven jars on this test's class path — stopped by PID (with the executors the
 * worker started) when closed.
 *
 * <p>The worker starts executors the way a Spark installation does: with the jars of
 * {@code $SPARK_HOME/jars} on their class path. So the cluster gets a temporary SPARK_HOME whose
 * {@code jars/} holds a symbolic link to every jar of this class path, and a {@code RELEASE} file
 * so that Spark's launcher takes it for a distribution (with {@code SPARK_SCALA_VERSION} set, as
 * a distribution's scripts set it).
 */
final class SparkCluster implements AutoCloseable {
    private final Path home;
    private final Path logs;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort;

    private SparkCluster(Path home, Path logs, int masterPort) {
        this.home = home;
        this.logs = logs;
        this.masterPort = masterPort;
    }

    /**
     * Starts the master, then a worker with {@code cores} cores, waiting at most {@code within} for
     * each. Their logs and the executors' (the worker's work folder) go to {@code logs}, kept after
     * the cluster stops for whoever needs to see why something failed.
     */
    static SparkCluster start(int cores, String workerMemory, Duration within, Path logs) throws IOException,
            InterruptedException {
        Path home = Files.createTempDirectory("sluice-spark-home-");
        Files.createDirectories(logs);
        SparkCluster cluster = new SparkCluster(home, logs.toAbsolutePath(), freePort());
        try {
            List<Path> classPath = classPath();
            Path jars = Files.createDirectories(home.resolve("jars"));
            int i = 0;
            for (Path entry : classPath) {
                if (entry.toString().endsWith(".jar") && Files.isRegularFile(entry)) {
                    Files.createSymbolicLink(jars.resolve(String.format("%03d-%s", i++, entry.getFileName())), entry);
                }
            }
            // Spark's launcher takes jars/ for a distribution's only when a RELEASE file says it is one;
            // otherwise it looks for a source build's assembly folder.
            Files.writeString(home.resolve("RELEASE"), "Spark " + SparkEngine.sparkVersion().orElse("?")
                    + " (jars linked from a Maven class path by the Sluice tests)\n");
            // executors have SPARK_HOME/conf on their class path: without a config there logback logs DEBUG
            Files.createDirectories(home.resolve("conf"));
            Files.writeString(home.resolve("conf/logback.xml"), """
                    <configuration>
                      <appender name="ERR" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="ERR"/></root>
                    </configuration>
                    """);
            Path logback = home.resolve("logback-cluster.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="org.apache.spark" level="INFO"/>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """);
            String cp = String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList());
            cluster.launch("master", logback, cp, List.of("org.apache.spark.deploy.master.Master", "--host",
                    "127.0.0.1", "--port", String.valueOf(cluster.masterPort), "--webui-port", String.valueOf(freePort())));
            cluster.awaitLog("master", "I have been elected leader", within);
            Files.createDirectories(cluster.logs.resolve("work"));
            cluster.launch("worker", logback, cp, List.of("org.apache.spark.deploy.worker.Worker", "--host",
                    "127.0.0.1", "--webui-port", String.valueOf(freePort()), "--cores", String.valueOf(cores),
                    "--memory", workerMemory, "--work-dir", cluster.logs.resolve("work").toString(),
                    cluster.masterUrl()));
            cluster.awaitLog("worker", "Successfully registered with master", within);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:<port>}. */
    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The PIDs of the master, the worker and the executors running now. */
    Set<Long> pids() {
        Set<Long> out = new LinkedHashSet<>();
        for (Process p : processes) {
            out.add(p.pid());
            p.descendants().forEach(d -> out.add(d.pid()));
        }
        return out;
    }

    /** What a process of the cluster has logged so far. */
    String log(String name) {
        try {
            return Files.readString(logs.resolve(name + ".log"));
        } catch (IOException e) {
            return "";
        }
    }

    private void launch(String name, Path logback, String cp, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SparkJvmOptions.REQUIRED);
        cmd.add("-Xmx256m");
        cmd.add("-Dlogback.configurationFile=" + logback);
        cmd.add("-cp");
        cmd.add(cp);
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // what bin/load-spark-env.sh sets in a distribution; without it the launcher looks for a source build
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOG_DIR", logs.toString());
        processes.add(pb.start());
    }

    private void awaitLog(String name, String line, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (log(name).contains(line)) {
                return;
            }
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the Spark " + name + " exited with " + p.exitValue() + ":\n"
                            + log(name));
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Spark " + name + " did not log '" + line + "' within " + within + ":\n"
                + log(name));
    }

    /** Whether something listens on the master's port. */
    boolean masterAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", masterPort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the worker's executors, the worker and the master, by PID; then deletes SPARK_HOME. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        try (Stream<Path> walk = Files.walk(home)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is not worth failing the tests for
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * This JVM's class path as files: {@code java.class.path}, with the {@code Class-Path} of a
     * manifest-only jar (how surefire may launch tests) read in place of the jar itself.
     */
    static List<Path> classPath() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path p = Path.of(entry).toAbsolutePath();
            Manifest manifest = null;
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String refs = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (refs != null && p.getFileName().toString().startsWith("surefire")) {
                for (String ref : refs.trim().split("\\s+")) {
                    out.add(Path.of(p.getParent().toUri().resolve(URI.create(ref))));
                }
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }
}
