package io.sluice.cli;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A project for the Temporal tests: one {@code prepare} group, four independent {@code work_i}
 * groups, one {@code join} group, every dataset between them persisted (the parts versioned).
 * <pre>
 *   seed(json) -prepare-> prepared(json, versioned) -work_i-> part_i(json, versioned) -join-> summary(json)
 * </pre>
 * {@code pause_ms} makes each work node wait; {@code hold: wI} (or several: {@code w1+w3}) makes
 * {@code work_I} write its process id to {@code <gate>.wI.pid} and wait (at most a minute) until
 * the file {@code gate} exists; interrupted there (its run cancelled), it writes
 * {@code <gate>.wI.interrupted} and fails. Tags
 * {@code group:head} (prepare), {@code group:left} (work_0, work_1), {@code group:right} (work_2,
 * work_3) and {@code group:tail} (join) give the tag strategy's four groups.
 */
public final class TemporalFanProject implements Project {

    public TemporalFanProject() {
    }

    static List<Integer> prepare(List<Integer> seed) {
        return seed.stream().map(x -> x * 3 + 1).toList();
    }

    static List<Integer> work(int i, List<Integer> prepared, String hold, String gate, long pauseMs) {
        try {
            if (pauseMs > 0) {
                Thread.sleep(pauseMs);
            }
            if (holds(hold, i)) {
                Path pid = Path.of(gate + ".w" + i + ".pid");
                Path tmp = Path.of(gate + ".w" + i + ".pid.tmp");
                Files.writeString(tmp, Long.toString(ProcessHandle.current().pid()));
                Files.move(tmp, pid, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!Files.exists(Path.of(gate))) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("gate " + gate + " never opened");
                    }
                    Thread.sleep(20);
                }
            }
        } catch (InterruptedException e) {
            if (holds(hold, i)) {
                try {
                    Files.writeString(Path.of(gate + ".w" + i + ".interrupted"), "interrupted");
                } catch (IOException io) {
                    e.addSuppressed(io);
                }
            }
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> out = new ArrayList<>();
        prepared.forEach(x -> out.add(x * (i + 1)));
        return out;
    }

    private static boolean holds(String hold, int i) {
        return List.of(hold.split("\\+")).contains("w" + i);
    }

    static List<Integer> work0(List<Integer> p, String hold, String gate, long pauseMs) {
        return work(0, p, hold, gate, pauseMs);
    }

    static List<Integer> work1(List<Integer> p, String hold, String gate, long pauseMs) {
        return work(1, p, hold, gate, pauseMs);
    }

    static List<Integer> work2(List<Integer> p, String hold, String gate, long pauseMs) {
        return work(2, p, hold, gate, pauseMs);
    }

    static List<Integer> work3(List<Integer> p, String hold, String gate, long pauseMs) {
        return work(3, p, hold, gate, pauseMs);
    }

    static Map<String, Integer> join(List<Integer> a, List<Integer> b, List<Integer> c, List<Integer> d) {
        return Map.of("sum", List.of(a, b, c, d).stream().flatMap(List::stream).mapToInt(Integer::intValue).sum());
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        String[] params = {"params:hold", "params:gate", "params:pause_ms"};
        return Map.of("fan", Pipeline.of(
                node(TemporalFanProject::prepare).inputs("seed").outputs("prepared").name("prepare")
                        .tags("group:head"),
                node(TemporalFanProject::work0).inputs(concat("prepared", params)).outputs("part_0").name("work_0")
                        .tags("group:left"),
                node(TemporalFanProject::work1).inputs(concat("prepared", params)).outputs("part_1").name("work_1")
                        .tags("group:left"),
                node(TemporalFanProject::work2).inputs(concat("prepared", params)).outputs("part_2").name("work_2")
                        .tags("group:right"),
                node(TemporalFanProject::work3).inputs(concat("prepared", params)).outputs("part_3").name("work_3")
                        .tags("group:right"),
                node(TemporalFanProject::join).inputs("part_0", "part_1", "part_2", "part_3").outputs("summary")
                        .name("join").tags("group:tail")));
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Writes the project into {@code dir} and its service entry into {@code services}. */
    static void write(Path dir, Path services) {
        try {
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            Files.createDirectories(dir.resolve("data/01_raw"));
            StringBuilder catalog = new StringBuilder("""
                    seed: {type: json, filepath: data/01_raw/seed.json}
                    prepared: {type: json, filepath: data/02_intermediate/prepared.json, versioned: true}
                    summary: {type: json, filepath: data/08_reporting/summary.json}
                    """);
            for (int i = 0; i < 4; i++) {
                catalog.append("part_").append(i).append(": {type: json, filepath: data/03_primary/part_").append(i)
                        .append(".json, versioned: true}\n");
            }
            Files.writeString(dir.resolve("conf/base/catalog.yml"), catalog);
            Files.writeString(dir.resolve("conf/base/parameters.yml"), "hold: ''\ngate: ''\npause_ms: 0\n");
            Files.writeString(dir.resolve("data/01_raw/seed.json"), "[1,2,3,4,5,6,7,8]");
            Path entry = services.resolve("META-INF/services/io.sluice.project.Project");
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, TemporalFanProject.class.getName() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
