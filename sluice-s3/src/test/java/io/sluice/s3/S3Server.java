package io.sluice.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3-compatible server for the tests: S3Proxy (from Maven Central) in this JVM, over
 * jclouds' in-memory ("transient") blob store, on 127.0.0.1 at an ephemeral port, checking AWS
 * signatures (V2 or V4) against one key pair. One per test class; {@link #close()} stops it.
 */
final class S3Server implements AutoCloseable {
    static final String ACCESS_KEY = "AKIASLUICETEST0001";
    static final String SECRET_KEY = "s3cr3t-Sluice-Key-Never-Shown-0123456789";

    private final BlobStoreContext context;
    private final S3Proxy proxy;
    private final S3Client client;

    private S3Server(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
        this.client = S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY,
                        SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    static S3Server start() {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .overrides(new Properties())
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
        return new S3Server(context, proxy);
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** A client of its own, for tests to look behind the datasets' backs. */
    S3Client client() {
        return client;
    }

    void createBucket(String bucket) {
        client.createBucket(b -> b.bucket(bucket));
    }

    /** An {@code engines.yml} entry {@code name} for this server, with credentials {@code creds}. */
    String engineEntry(String name, String creds) {
        return name + ":\n"
                + "  type: s3\n"
                + "  endpoint: " + endpoint() + "\n"
                + "  path_style: true\n"
                + "  credentials: " + creds + "\n";
    }

    /** A {@code credentials.yml} entry {@code name} with this server's key pair. */
    static String credentialsEntry(String name) {
        return name + ":\n  access_key_id: " + ACCESS_KEY + "\n  secret_access_key: " + SECRET_KEY + "\n";
    }

    @Override
    public void close() throws Exception {
        try {
            client.close();
            proxy.stop();
        } finally {
            context.close();
        }
    }
}
