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
 * {@code pause_ms} makes each work node wait; {@code hold: wI} makes {@code work_I} write its
 * process id to {@code <gate>.pid} and wait (at most a minute) until the file {@code gate} exists.
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
            if (("w" + i).equals(hold)) {
                Path pid = Path.of(gate + ".pid");
                Path tmp = Path.of(gate + ".pid.tmp");
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
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Integer> out = new ArrayList<>();
        prepared.forEach(x -> out.add(x * (i + 1)));
        return out;
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
                node(TemporalFanProject::prepare).inputs("seed").outputs("prepared").name("prepare"),
                node(TemporalFanProject::work0).inputs(concat("prepared", params)).outputs("part_0").name("work_0"),
                node(TemporalFanProject::work1).inputs(concat("prepared", params)).outputs("part_1").name("work_1"),
                node(TemporalFanProject::work2).inputs(concat("prepared", params)).outputs("part_2").name("work_2"),
                node(TemporalFanProject::work3).inputs(concat("prepared", params)).outputs("part_3").name("work_3"),
                node(TemporalFanProject::join).inputs("part_0", "part_1", "part_2", "part_3").outputs("summary")
                        .name("join")));
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
