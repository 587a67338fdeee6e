package io.sluice.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.io.ChecksumMismatchException;
import io.sluice.io.Dataset;
import io.sluice.io.DatasetException;
import io.sluice.run.RunContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/** File datasets on {@code s3://} through an {@code s3} engine, against a real S3-compatible server. */
class S3FileDatasetTest {
    private static S3Server server;
    private static int buckets;

    @TempDir
    Path dir;
    private String bucket;

    public record Shuttle(String id, double price, boolean active) {
    }

    @BeforeAll
    static void startServer() {
        server = S3Server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void newBucket() {
        bucket = "data-" + (++buckets);
        server.createBucket(bucket);
    }

    private S3Project project(String catalog) {
        return S3Project.of(dir, server.engineEntry("lake", "lake_keys"), catalog,
                S3Server.credentialsEntry("lake_keys"));
    }

    private String object(String key) {
        return new String(server.client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(),
                StandardCharsets.UTF_8);
    }

    /** {@code List<Shuttle>} as a {@link java.lang.reflect.Type}. */
    abstract static class ShuttleList implements java.util.function.Supplier<List<Shuttle>> {
        java.lang.reflect.Type type() {
            return ((java.lang.reflect.ParameterizedType) getClass().getSuperclass().getGenericInterfaces()[0])
                    .getActualTypeArguments()[0];
        }

        @Override
        public List<Shuttle> get() {
            return null;
        }
    }

    /** {@code T} as a {@link java.lang.reflect.Type}. */
    abstract static class TypeOf<T> {
        java.lang.reflect.Type type() {
            return ((java.lang.reflect.ParameterizedType) getClass().getGenericSuperclass()).getActualTypeArguments()[0];
        }
    }

    private static RunContext run(Path dir, String id, Map<String, String> pinned) {
        return new RunContext(id, null, "local", Map.of(), dir, pinned);
    }

    @SuppressWarnings("unchecked")
    private static <T> Dataset<T> dataset(S3Project p, String name) {
        return (Dataset<T>) p.catalog().dataset(name);
    }

    @Test
    void csvRoundTripsThroughAnObjectAndItsChecksumRecord() {
        try (S3Project p = project("shuttles:\n  type: csv\n  filepath: s3://" + bucket + "/raw/shuttles.csv\n"
                + "  storage: lake\n")) {
            Dataset<List<?>> shuttles = dataset(p, "shuttles");
            assertThat(shuttles.exists()).isFalse();
            shuttles.save(List.of(new Shuttle("a", 1.5, true), new Shuttle("b", 20, false)));

            assertThat(shuttles.exists()).isTrue();
            assertThat(object("raw/shuttles.csv")).isEqualTo("id,price,active\na,1.5,true\nb,20.0,false\n");
            assertThat(object("raw/.shuttles.csv.sluice")).contains("\"algorithm\" : \"CRC32C\"", "\"size\" : 40");
            assertThat(shuttles.load(new ShuttleList() { }.type()))
                    .isEqualTo(List.of(new Shuttle("a", 1.5, true), new Shuttle("b", 20, false)));
        }
    }

    @Test
    void jsonTextAndBytesRoundTrip() {
        try (S3Project p = project("doc:\n  type: json\n  filepath: s3://" + bucket + "/doc.json\n  storage: lake\n"
                + "note:\n  type: text\n  filepath: s3://" + bucket + "/notes/note.txt\n  storage: lake\n"
                + "blob:\n  type: bytes\n  filepath: s3://" + bucket + "/blob.bin\n  storage: lake\n")) {
            dataset(p, "doc").save(Map.of("rows", List.of(1, 2, 3)));
            dataset(p, "note").save("héllo\nworld");
            dataset(p, "blob").save(new byte[] {0, 1, 2, (byte) 255});

            assertThat(dataset(p, "doc").load()).isEqualTo(Map.of("rows", List.of(1, 2, 3)));
            assertThat(dataset(p, "note").load()).isEqualTo("héllo\nworld");
            assertThat((byte[]) dataset(p, "blob").load()).containsExactly(0, 1, 2, 255);
        }
    }

    @Test
    void anObjectChangedBehindTheDatasetsBackFailsItsLoad() {
        try (S3Project p = project("note:\n  type: text\n  filepath: s3://" + bucket + "/note.txt\n  storage: lake\n")) {
            Dataset<String> note = dataset(p, "note");
            note.save("the real content");
            server.client().putObject(b -> b.bucket(bucket).key("note.txt"), RequestBody.fromString("tampered"));

            assertThatThrownBy(note::load)
                    .isInstanceOf(ChecksumMismatchException.class)
                    .hasMessageContaining("dataset 'note' (text)")
                    .hasMessageContaining("s3://" + bucket + "/note.txt does not match its checksum record s3://"
                            + bucket + "/.note.txt.sluice")
                    .hasMessageContaining("found")
                    .hasMessageNotContaining(S3Server.SECRET_KEY);
        }
    }

    @Test
    void anObjectSavedInOnePutCarriesItsChecksumAndIsCheckedAgainstItEvenWithoutItsRecord() {
        String entry = "note:\n  type: text\n  filepath: s3://" + bucket + "/kept.txt\n  storage: lake\n";
        try (S3Project p = project(entry)) {
            Dataset<String> note = dataset(p, "note");
            note.save("the real content");
            var metadata = server.client().headObject(b -> b.bucket(bucket).key("kept.txt")).metadata();
            assertThat(metadata).containsEntry(S3Storage.SIZE_KEY, "16").containsKey(S3Storage.CRC_KEY);

            server.client().deleteObject(b -> b.bucket(bucket).key(".kept.txt.sluice"));
            assertThat(note.load()).isEqualTo("the real content");

            // other bytes under the same metadata: damage the kept checksum catches without any record
            server.client().putObject(b -> b.bucket(bucket).key("kept.txt").metadata(metadata),
                    RequestBody.fromString("the fake content"));
            assertThatThrownBy(note::load)
                    .isInstanceOf(ChecksumMismatchException.class)
                    .hasMessageContaining("s3://" + bucket + "/kept.txt does not match the checksum engine 'lake'")
                    .hasMessageContaining("expected CRC32C " + metadata.get(S3Storage.CRC_KEY));
        }
    }

    @Test
    void anObjectWithoutARecordLoadsUnchecked() {
        server.client().putObject(b -> b.bucket(bucket).key("in/put.txt"), RequestBody.fromString("by hand"));
        try (S3Project p = project("note:\n  type: text\n  filepath: s3://" + bucket + "/in/put.txt\n"
                + "  storage: lake\n")) {
            assertThat(dataset(p, "note").load()).isEqualTo("by hand");
        }
    }

    @Test
    void versionedSavesWriteNewKeysAndLoadTheLatestOrAPinnedVersion() {
        try (S3Project p = project("note:\n  type: text\n  filepath: s3://" + bucket + "/notes/n.txt\n"
                + "  storage: lake\n  versioned: true\n")) {
            Dataset<String> note = dataset(p, "note");
            RunContext first = run(dir, "2026-01-01T00.00.00.000Z-0000-aaaaaaaa", Map.of());
            RunContext second = run(dir, "2026-01-02T00.00.00.000Z-0000-bbbbbbbb", Map.of());
            note.save(first, "one");
            note.save(second, "two");

            assertThat(note.versions()).containsExactly(first.runId(), second.runId());
            assertThat(object("notes/n.txt/" + first.runId() + "/n.txt")).isEqualTo("one");
            assertThat(note.load(run(dir, "2026-01-03T00.00.00.000Z-0000-cccccccc", Map.of()), String.class))
                    .isEqualTo("two");
            assertThat(note.load(run(dir, "2026-01-03T00.00.00.000Z-0000-dddddddd",
                    Map.of("note", first.runId())), String.class)).isEqualTo("one");
            assertThatThrownBy(() -> note.save(first, "again"))
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("version " + first.runId() + " already exists")
                    .hasMessageContaining("never overwritten");
            assertThat(object("notes/n.txt/" + first.runId() + "/n.txt")).isEqualTo("one");
        }
    }

    @Test
    void aMissingKeyIsAnErrorNamingDatasetEngineAndUrl() {
        try (S3Project p = project("gone:\n  type: text\n  filepath: s3://" + bucket + "/no/such.txt\n"
                + "  storage: lake\n")) {
            assertThatThrownBy(() -> dataset(p, "gone").load())
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("dataset 'gone' (text)")
                    .hasMessageContaining("s3://" + bucket + "/no/such.txt does not exist")
                    .hasMessageContaining("engine 'lake' (s3, conf/base/engines.yml:1:1)")
                    .hasMessageNotContaining(S3Server.SECRET_KEY)
                    .hasMessageNotContaining(S3Server.ACCESS_KEY);
        }
    }

    @Test
    void aMissingBucketIsAnErrorNamingTheBucketWithoutSecrets() {
        try (S3Project p = project("gone:\n  type: text\n  filepath: s3://no-such-bucket/x.txt\n  storage: lake\n")) {
            Dataset<String> gone = dataset(p, "gone");
            assertThatThrownBy(gone::load)
                    .isInstanceOf(DatasetException.class)
                    .hasMessageContaining("dataset 'gone' (text)")
                    .hasMessageContaining("s3://no-such-bucket/x.txt")
                    .hasMessageContaining("engine 'lake'")
                    .hasMessageContaining("bucket 'no-such-bucket' does not exist")
                    .hasMessageNotContaining(S3Server.SECRET_KEY)
                    .hasMessageNotContaining(S3Server.ACCESS_KEY);
            assertThatThrownBy(gone::exists).hasMessageContaining("bucket 'no-such-bucket' does not exist");
        }
    }

    @Test
    void parquetRoundTripsThroughALocalCopyCheckedAgainstTheRecord() {
        try (S3Project p = project("model_input:\n  type: parquet\n  filepath: s3://" + bucket
                + "/model/input.parquet\n  storage: lake\n  versioned: true\n")) {
            Dataset<List<?>> input = dataset(p, "model_input");
            input.save(run(dir, "v1", Map.of()), List.of(new Shuttle("a", 1.5, true), new Shuttle("b", 2, false)));

            assertThat(object("model/input.parquet/v1/input.parquet")).startsWith("PAR1");
            assertThat(object("model/input.parquet/v1/.input.parquet.sluice")).contains("\"run_id\" : \"v1\"");
            assertThat(input.load(new ShuttleList() { }.type()))
                    .isEqualTo(List.of(new Shuttle("a", 1.5, true), new Shuttle("b", 2, false)));

            server.client().putObject(b -> b.bucket(bucket).key("model/input.parquet/v1/input.parquet"),
                    RequestBody.fromString("PAR1 not really"));
            assertThatThrownBy(input::load).isInstanceOf(ChecksumMismatchException.class)
                    .hasMessageContaining("s3://" + bucket + "/model/input.parquet/v1/input.parquet does not match");
        }
    }

    @Test
    void aLargeObjectIsUploadedInPartsAndReadBackWhole() {
        // part_size is 5MiB (the least S3 takes): 12MiB of text go up as three parts
        try (S3Project p = S3Project.of(dir, server.engineEntry("lake", "lake_keys") + "  part_size: 5MiB\n",
                "big:\n  type: text\n  filepath: s3://" + bucket + "/big.txt\n  storage: lake\n",
                S3Server.credentialsEntry("lake_keys"))) {
            String big = "0123456789abcdef".repeat(12 * 65536);
            dataset(p, "big").save(big);

            assertThat(server.client().headObject(b -> b.bucket(bucket).key("big.txt")).eTag()).contains("-3");
            assertThat(dataset(p, "big").load()).isEqualTo(big);
        }
    }

    @Test
    void aSaveWhoseBodyFailsLeavesThePreviousObjectAndNoUpload() {
        try (S3Project p = S3Project.of(dir, server.engineEntry("lake", "lake_keys") + "  part_size: 5MiB\n",
                "rows:\n  type: json\n  filepath: s3://" + bucket + "/rows.json\n  storage: lake\n",
                S3Server.credentialsEntry("lake_keys"))) {
            Dataset<Object> rows = dataset(p, "rows");
            rows.save(List.of("kept"));
            // a value Jackson fails on after more than a part has been written
            List<Object> failing = new java.util.ArrayList<>(java.util.Collections.nCopies(700_000, "0123456789"));
            failing.add(new Object() {
                public String getValue() {
                    throw new IllegalStateException("boom");
                }
            });

            assertThatThrownBy(() -> rows.save(failing)).hasMessageContaining("boom");
            assertThat(rows.load()).isEqualTo(List.of("kept"));
            assertThat(server.client().listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
        }
    }

    @Test
    void partitionsAreObjectsUnderAPrefixEachWithItsRecord() {
        try (S3Project p = project("reviews:\n  type: partitioned\n  path: s3://" + bucket + "/reviews\n"
                + "  storage: lake\n  dataset: text\n  filename_suffix: .txt\n")) {
            Dataset<Object> reviews = dataset(p, "reviews");
            assertThat(reviews.exists()).isFalse();
            reviews.save(Map.of("2024/01", "january", "2024/02", "february"));

            assertThat(object("reviews/2024/01.txt")).isEqualTo("january");
            assertThat(object("reviews/2024/.01.txt.sluice")).contains("CRC32C");
            java.lang.reflect.Type eager = new TypeOf<Map<String, String>>() { }.type();
            assertThat(reviews.load(eager)).isEqualTo(new java.util.TreeMap<>(Map.of("2024/01", "january",
                    "2024/02", "february")));

            server.client().putObject(b -> b.bucket(bucket).key("reviews/2024/02.txt"), RequestBody.fromString("x"));
            assertThatThrownBy(() -> reviews.load(eager)).isInstanceOf(ChecksumMismatchException.class)
                    .hasMessageContaining("s3://" + bucket + "/reviews/2024/02.txt");
        }
    }

    @Test
    void readersDuringSavesSeeOneWholeSaveOrTheOtherNeverAMismatch() throws Exception {
        try (S3Project p = project("note:\n  type: text\n  filepath: s3://" + bucket + "/busy.txt\n  storage: lake\n")) {
            Dataset<String> note = dataset(p, "note");
            String a = "a".repeat(50_000);
            String b = "b".repeat(60_000);
            note.save(a);
            var writer = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                var saves = writer.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        note.save(i % 2 == 0 ? b : a);
                    }
                });
                int loads = 0;
                while (!saves.isDone()) {
                    assertThat(note.load()).isIn(a, b);
                    loads++;
                }
                saves.get();
                assertThat(loads).isPositive();
            } finally {
                writer.shutdownNow();
            }
        }
    }
}
