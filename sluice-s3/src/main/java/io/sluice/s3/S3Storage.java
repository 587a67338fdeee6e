package io.sluice.s3;

import io.sluice.engine.EngineException;
import io.sluice.io.AtomicFiles;
import io.sluice.io.ObjectStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The objects of an {@link S3Engine}, as file datasets see them ({@link ObjectStorage}).
 *
 * <p>Reads are one streamed GET. Writes stream too, through a buffer of {@code part_size}: a body
 * that fits is one PUT; a larger one is a multipart upload, part by part as the buffer fills,
 * completed only once the body has returned — S3 makes the object visible at the PUT or the
 * completion, whole, and never before. A body that fails aborts the upload, so neither a partial
 * object nor orphaned parts remain. Memory: one buffer of {@code part_size} per write in progress.
 *
 * <p>Every failure is an {@link IOException} whose message says what S3 answered (the error code,
 * the HTTP status, the bucket) or that the endpoint could not be reached, masked by the engine.
 */
final class S3Storage implements ObjectStorage {
    private final S3Engine engine;
    private final int partSize;
    /** User metadata of an object written in one PUT: its CRC32C, 8 lower-case hex digits. */
    static final String CRC_KEY = "sluice-crc32c";
    /** User metadata of an object written in one PUT: its size in bytes. */
    static final String SIZE_KEY = "sluice-size";

    S3Storage(S3Engine engine, long partSize) {
        this.engine = engine;
        this.partSize = (int) Math.min(partSize, Integer.MAX_VALUE - 16);
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public String subject() {
        return engine.subject();
    }

    /** S3's rule for bucket names (general purpose buckets). */
    private static final java.util.regex.Pattern BUCKET = java.util.regex.Pattern.compile(
            "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    @Override
    public String problem(String url) {
        try {
            String bucket = Location.of(url).bucket();
            return BUCKET.matcher(bucket).matches() && !bucket.contains("..") ? null : "'" + bucket + "' is not a"
                    + " valid S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-', starting and ending"
                    + " with a letter or digit)";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** A parsed {@code s3://bucket/key}. */
    record Location(String bucket, String key) {
        static Location of(String url) throws IOException {
            if (!url.startsWith("s3://")) {
                throw new IOException(url + " is not an s3:// URL");
            }
            String rest = url.substring(5);
            int slash = rest.indexOf('/');
            if (slash <= 0) {
                throw new IOException(url + " has no bucket and key");
            }
            return new Location(rest.substring(0, slash), rest.substring(slash + 1));
        }
    }

    private S3Client client() throws IOException {
        try {
            return engine.get();
        } catch (EngineException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<StoredObject> stat(String url) throws IOException {
        Location at = Location.of(url);
        S3Client s3 = client();
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(at.bucket()).key(at.key()));
            return Optional.of(new StoredObject(url, head.contentLength(), head.lastModified(), head.eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failure(e, at);
            }
            if (bucketMissing(s3, at.bucket())) {
                throw new IOException(engine.mask(missingBucket(at.bucket(), engine.where(), 404)));
            }
            return Optional.empty();
        } catch (SdkException e) {
            throw failure(e, at);
        }
    }

    /** A HEAD has no body, so its 404 does not say whether the key or the bucket is missing: ask. */
    private boolean bucketMissing(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return false;
        } catch (S3Exception e) {
            return e.statusCode() == 404;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public InputStream open(String url) throws IOException {
        return openChecked(url).in();
    }

    /**
     * One streamed GET; an object this storage wrote in one PUT carries its CRC32C and size as
     * user metadata ({@link #CRC_KEY}, {@link #SIZE_KEY}), written atomically with its bytes.
     */
    @Override
    public Opened openChecked(String url) throws IOException {
        Location at = Location.of(url);
        try {
            ResponseInputStream<GetObjectResponse> in = client().getObject(b -> b.bucket(at.bucket()).key(at.key()));
            Map<String, String> metadata = in.response().metadata();
            String crc = metadata.get(CRC_KEY);
            String size = metadata.get(SIZE_KEY);
            if (crc == null || size == null || !crc.matches("[0-9a-f]{8}") || !size.matches("\\d{1,18}")) {
                return new Opened(in, null, -1);
            }
            return new Opened(in, crc, Long.parseLong(size));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(url);
        } catch (SdkException e) {
            throw failure(e, at);
        }
    }

    @Override
    public void write(String url, AtomicFiles.Body body) throws IOException {
        Location at = Location.of(url);
        Upload upload = new Upload(client(), at);
        try {
            body.writeTo(upload);
            upload.commit();
        } catch (IOException | RuntimeException | Error e) {
            upload.abort(e);
            if (e instanceof SdkException sdk) {
                throw failure(sdk, at);
            }
            throw e;
        }
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Location at = Location.of(prefix.endsWith("/") ? prefix + "x" : prefix);
        String keyPrefix = prefix.endsWith("/") ? at.key().substring(0, at.key().length() - 1) : at.key();
        List<String> out = new ArrayList<>();
        try {
            for (S3Object o : client().listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(keyPrefix))
                    .contents()) {
                out.add("s3://" + at.bucket() + "/" + o.key());
            }
        } catch (SdkException e) {
            throw failure(e, at);
        }
        Collections.sort(out);
        return out;
    }

    @Override
    public void delete(String url) throws IOException {
        Location at = Location.of(url);
        try {
            client().deleteObject(b -> b.bucket(at.bucket()).key(at.key()));
        } catch (SdkException e) {
            throw failure(e, at);
        }
    }

    private IOException failure(SdkException e, Location at) {
        IOException io = new IOException(explain(e, engine.where(), at.bucket(), engine));
        io.setStackTrace(e.getStackTrace()); // the SDK's exception is not kept: its message is not masked
        return io;
    }

    /** What S3 answered, in words, masked: for pings. */
    static String explain(SdkException e, String where) {
        return describe(e, where, null);
    }

    private static String explain(SdkException e, String where, String bucket, S3Engine engine) {
        return engine.mask(describe(e, where, bucket));
    }

    private static String describe(SdkException e, String where, String bucket) {
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorCode() : null;
            String message = s3.awsErrorDetails() != null ? s3.awsErrorDetails().errorMessage() : null;
            if ("NoSuchBucket".equals(code) || bucket != null && s3.statusCode() == 404 && code == null) {
                return missingBucket(bucket, where, s3.statusCode());
            }
            if (s3.statusCode() == 403 || "InvalidAccessKeyId".equals(code) || "SignatureDoesNotMatch".equals(code)) {
                return where + " refused the request (" + (code == null ? "" : code + ", ") + "HTTP "
                        + s3.statusCode() + (message == null ? "" : ": " + message) + "). Check the engine's "
                        + "credentials (access_key_id, secret_access_key) and that they may use "
                        + (bucket == null ? "the bucket" : "bucket '" + bucket + "'") + ".";
            }
            return where + " answered " + (code == null ? "" : code + ", ") + "HTTP " + s3.statusCode()
                    + (message == null ? "" : ": " + message);
        }
        if (e instanceof SdkClientException) {
            return "cannot reach " + where + ": " + e.getMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static String missingBucket(String bucket, String where, int status) {
        return "bucket '" + bucket + "' does not exist at " + where + " (HTTP " + status
                + "). Create it, or fix the bucket in the filepath.";
    }

    /**
     * The stream a body writes: one buffer of the part size, uploaded as a part when full; the
     * object appears at {@link #commit}, never before.
     */
    private final class Upload extends OutputStream {
        private final S3Client s3;
        private final Location at;
        /** What has not been uploaded yet: grows up to one part, so small objects stay small in memory. */
        private byte[] bytes;
        private int filled;
        private String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();

        Upload(S3Client s3, Location at) {
            this.s3 = s3;
            this.at = at;
            this.bytes = new byte[Math.min(partSize, 1 << 16)];
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (filled == bytes.length) {
                    if (bytes.length < partSize) {
                        // grow up to a part: small objects never hold a whole part in memory
                        bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(partSize, 2L * bytes.length));
                    } else {
                        flushPart();
                    }
                }
                int n = Math.min(len, bytes.length - filled);
                System.arraycopy(b, off, bytes, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() {
            // bodies may close their stream; the object is committed by commit() alone
        }

        private void flushPart() {
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(b -> b.bucket(at.bucket()).key(at.key())).uploadId();
            }
            int number = parts.size() + 1;
            String etag = s3.uploadPart(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId)
                    .partNumber(number), RequestBody.fromBytes(java.util.Arrays.copyOf(bytes, filled))).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        }

        void commit() {
            if (uploadId == null) {
                // the whole object is here: its checksum travels in the same PUT, so no reader can
                // see these bytes with another save's checksum (multipart uploads start before the
                // checksum is known and rely on the record alone)
                CRC32C crc = new CRC32C();
                crc.update(bytes, 0, filled);
                Map<String, String> metadata = Map.of(CRC_KEY, String.format("%08x", crc.getValue()),
                        SIZE_KEY, Integer.toString(filled));
                s3.putObject(b -> b.bucket(at.bucket()).key(at.key()).contentLength((long) filled).metadata(metadata),
                        RequestBody.fromBytes(java.util.Arrays.copyOf(bytes, filled)));
                return;
            }
            if (filled > 0) {
                flushPart();
            }
            s3.completeMultipartUpload(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        }

        void abort(Throwable why) {
            if (uploadId == null) {
                return;
            }
            try {
                s3.abortMultipartUpload(b -> b.bucket(at.bucket()).key(at.key()).uploadId(uploadId));
            } catch (SdkException e) {
                why.addSuppressed(new IOException("could not abort the multipart upload of s3://" + at.bucket() + "/"
                        + at.key() + " (the bucket's lifecycle rules remove abandoned parts): "
                        + engine.mask(String.valueOf(e.getMessage()))));
            }
        }
    }
}
