package io.sluice.s3;

import io.sluice.config.ConfigBinder;
import io.sluice.engine.Engine;
import io.sluice.engine.EngineConfig;
import io.sluice.engine.EngineConfigException;
import io.sluice.engine.EngineCredentials;
import io.sluice.io.ObjectStorage;
import io.sluice.io.StorageEngine;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code s3} engine: an AWS SDK v2 {@link S3Client} for nodes ({@code engine:lake}), and the
 * object storage behind file datasets whose {@code filepath} is {@code s3://bucket/key}
 * ({@code storage: lake}). The client is made on first use and closed with the session.
 *
 * <pre>{@code
 * lake:
 *   type: s3
 *   region: eu-west-1                  # default us-east-1
 *   endpoint: http://127.0.0.1:9000    # optional: an S3-compatible server (MinIO, Ceph, S3Proxy…)
 *   path_style: true                   # bucket in the path rather than the host name; default false
 *   credentials: lake_keys             # access_key_id, secret_access_key (session_token); absent:
 *                                      # the SDK's default chain (env, profile, container, instance role)
 *   connect_timeout: 5s
 *   read_timeout: 30s                  # between two reads of a socket
 *   call_timeout: 5m                   # one whole call, retries included
 *   part_size: 8MiB                    # uploads above it go in parts of this size (5MiB..5GiB)
 *   request_checksums: when_required   # SDK checksums; default when_supported on AWS, when_required
 *                                      # with an endpoint (S3-compatible servers refuse the headers)
 *   ping_bucket: my-bucket             # ping checks this bucket; default: list the buckets
 * }</pre>
 *
 * <p>The access key, secret and session token never appear in {@link #describe()}, in health
 * answers or in messages (they are masked, in causes too).
 */
public final class S3Engine extends Engine<S3Client> implements StorageEngine {
    /** The type name in {@code engines.yml}. */
    public static final String TYPE = "s3";

    /** The keys the credentials may hold. */
    static final Set<String> CREDENTIAL_KEYS = Set.of("access_key_id", "secret_access_key", "session_token");

    /** When the SDK computes request checksums (the storage checks its own CRC32C either way). */
    public enum Checksums { WHEN_SUPPORTED, WHEN_REQUIRED }

    /**
     * The options of an {@code s3} entry.
     *
     * @param region           the AWS region (any for most S3-compatible servers)
     * @param endpoint         an endpoint override, for S3-compatible servers
     * @param pathStyle        path-style addressing ({@code host/bucket/key})
     * @param connectTimeout   to open a connection
     * @param readTimeout      between two reads of a socket
     * @param callTimeout      one whole API call, retries included
     * @param partSize         the part size of multipart uploads, and the largest single PUT
     * @param requestChecksums when the SDK adds checksums to requests (and asks for them in
     *                         answers); absent: when_supported on AWS, when_required with an
     *                         endpoint, since S3-compatible servers (S3Proxy, older MinIO, Ceph)
     *                         answer 501 to the SDK's checksum headers
     * @param pingBucket       the bucket a ping checks (HEAD); absent: list the buckets
     */
    record Options(String region, Optional<String> endpoint, boolean pathStyle, Duration connectTimeout,
                   Duration readTimeout, Duration callTimeout,
                   @ConfigBinder.Bytes @ConfigBinder.Range(min = 5L << 20, max = 5L << 30) long partSize,
                   Optional<Checksums> requestChecksums, Optional<String> pingBucket) {
        static final Options DEFAULTS = new Options("us-east-1", Optional.empty(), false, Duration.ofSeconds(10),
                Duration.ofSeconds(60), Duration.ofMinutes(10), 8L << 20, Optional.empty(), Optional.empty());

        Options {
            if (region.isBlank()) {
                throw new IllegalArgumentException("region must not be empty");
            }
        }
    }

    private final Options options;
    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final String credentialsSource;
    private final S3Storage storage;
    private final Checksums checksums;

    /** Reads the entry; connects on first use only. */
    public S3Engine(EngineConfig config) {
        super(config, S3Client.class);
        this.options = config.bind(Options.class, Options.DEFAULTS);
        this.endpoint = options.endpoint().map(e -> endpoint(config, e)).orElse(null);
        this.checksums = options.requestChecksums()
                .orElse(endpoint == null ? Checksums.WHEN_SUPPORTED : Checksums.WHEN_REQUIRED);
        EngineCredentials creds = config.credentials();
        creds.requireKnownKeys(CREDENTIAL_KEYS);
        if (creds.isEmpty()) {
            this.credentials = null; // the SDK's default chain, made with the client
            this.credentialsSource = "the AWS SDK's default chain";
        } else {
            String key = creds.get("access_key_id");
            String secret = creds.get("secret_access_key");
            Optional<String> token = creds.optional("session_token");
            this.credentials = StaticCredentialsProvider.create(token.isPresent()
                    ? AwsSessionCredentials.create(key, secret, token.get())
                    : AwsBasicCredentials.create(key, secret));
            this.credentialsSource = creds.source();
        }
        this.storage = new S3Storage(this, options.partSize());
    }

    private static URI endpoint(EngineConfig config, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new EngineConfigException(config.location() + ": " + config.subject() + ": endpoint '" + value
                    + "' is not an http:// or https:// URL with a host. Write e.g. http://127.0.0.1:9000.");
        }
        if (uri.getUserInfo() != null) {
            throw new EngineConfigException(config.location() + ": " + config.subject() + ": endpoint holds a user"
                    + " name or password; put the keys in the entry's credentials (access_key_id,"
                    + " secret_access_key), which are masked everywhere.");
        }
        return uri;
    }

    @Override
    protected S3Client create() {
        var builder = S3Client.builder()
                .region(Region.of(options.region()))
                .forcePathStyle(options.pathStyle())
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(options.connectTimeout())
                        .socketTimeout(options.readTimeout()))
                .overrideConfiguration(c -> c.apiCallTimeout(options.callTimeout()))
                .requestChecksumCalculation(checksums == Checksums.WHEN_REQUIRED
                        ? RequestChecksumCalculation.WHEN_REQUIRED : RequestChecksumCalculation.WHEN_SUPPORTED)
                .responseChecksumValidation(checksums == Checksums.WHEN_REQUIRED
                        ? ResponseChecksumValidation.WHEN_REQUIRED : ResponseChecksumValidation.WHEN_SUPPORTED);
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        } // else the SDK's default chain, which the client owns and closes with itself
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    /** HEAD of {@code ping_bucket}, or else the list of buckets: one signed request. */
    @Override
    protected void check(S3Client client, Duration timeout) {
        try {
            if (options.pingBucket().isPresent()) {
                client.headBucket(b -> b.bucket(options.pingBucket().get()));
            } else {
                client.listBuckets();
            }
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new IllegalStateException(S3Storage.explain(e, where()));
        }
    }

    @Override
    public String scheme() {
        return "s3";
    }

    @Override
    public ObjectStorage storage() {
        return storage;
    }

    /** {@code http://127.0.0.1:9000} or {@code AWS region eu-west-1}: where requests go, for messages. */
    String where() {
        return endpoint != null ? endpoint.toString() : "AWS region " + options.region();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>(super.describe());
        out.put("client", S3Client.class.getName());
        out.put("region", options.region());
        out.put("endpoint", endpoint != null ? endpoint.toString() : "AWS (" + options.region() + ")");
        out.put("path_style", options.pathStyle());
        out.put("request_checksums", checksums.name().toLowerCase(java.util.Locale.ROOT));
        out.put("credentials_from", credentialsSource);
        return out;
    }

    @Override
    protected String fix() {
        return "Check the endpoint and region, the credentials (access_key_id, secret_access_key) and that the "
                + "server is reachable from this machine.";
    }
}
