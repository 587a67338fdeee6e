package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Asserts that two projects' data folders hold the same files with the same bytes — what a run
 * split over processes must leave compared with one process. Lock files are left out (they name
 * the last process that held them); checksum records ({@code .x.sluice}) are compared on what they
 * vouch for, without when and by which process they were written.
 */
final class SameData {
    private SameData() {
    }

    /** Every file of {@code expected} is in {@code actual} with the same bytes, and nothing else; both hold {@code mustHold}. */
    static void assertSame(Path expected, Path actual, String... mustHold) throws IOException {
        Map<String, byte[]> want = files(expected);
        Map<String, byte[]> got = files(actual);
        assertThat(got.keySet()).isEqualTo(want.keySet()).contains(mustHold);
        for (String name : want.keySet()) {
            if (name.endsWith(".sluice")) {
                assertThat(record(got.get(name))).as(name).isEqualTo(record(want.get(name)));
            } else {
                assertThat(got.get(name)).as(name).isEqualTo(want.get(name));
            }
        }
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".lock")).toList()) {
                files.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return files;
    }

    private static JsonNode record(byte[] bytes) throws IOException {
        ObjectNode o = (ObjectNode) new ObjectMapper().readTree(bytes);
        o.remove(List.of("saved_at", "writer"));
        assertThat(o.path("checksum").asText()).isNotEmpty();
        return o;
    }
}
