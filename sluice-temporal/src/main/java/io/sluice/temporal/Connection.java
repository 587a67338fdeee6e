package io.sluice.temporal;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.sluice.SluiceException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A connection to the Temporal frontend of one entry: the service stubs (address, TLS, API key)
 * and a client of the entry's namespace. Closing it closes the stubs.
 */
final class Connection implements AutoCloseable {
    final WorkflowServiceStubs stubs;
    final WorkflowClient client;
    final TemporalConfig config;

    private Connection(WorkflowServiceStubs stubs, WorkflowClient client, TemporalConfig config) {
        this.stubs = stubs;
        this.client = client;
        this.config = config;
    }

    /** This process's identity as Temporal shows it: {@code pid@host}. */
    static String identity() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return ProcessHandle.current().pid() + "@" + host;
    }

    /**
     * Opens stubs to the entry's address (lazily: nothing connects before the first call).
     *
     * @param projectDir where the TLS files' relative paths start
     * @param entry      the entry's name, for messages
     */
    static Connection open(TemporalConfig config, Path projectDir, String entry) {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder()
                .setTarget(config.address());
        config.tls().ifPresent(tls -> {
            try {
                SslContextBuilder ssl = GrpcSslContexts.forClient();
                if (tls.ca().isPresent()) {
                    ssl.trustManager(file(projectDir, tls.ca().get(), entry, "tls.ca"));
                }
                if (tls.cert().isPresent()) {
                    ssl.keyManager(file(projectDir, tls.cert().get(), entry, "tls.cert"),
                            file(projectDir, tls.key().orElseThrow(), entry, "tls.key"));
                }
                options.setSslContext(ssl.build());
                tls.serverName().ifPresent(name -> options.setChannelInitializer(channel -> channel.overrideAuthority(
                        name)));
            } catch (javax.net.ssl.SSLException e) {
                throw new SluiceException("Runner entry '" + entry + "': cannot set up TLS to " + config.address()
                        + ": " + e.getMessage() + ". Check tls.cert (PEM chain), tls.key (PKCS#8 PEM) and tls.ca.", e);
            }
        });
        config.apiKey().ifPresent(key -> options.addApiKey(() -> key));
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        WorkflowClient client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
                .setNamespace(config.namespace()).setIdentity(identity()).build());
        return new Connection(stubs, client, config);
    }

    private static File file(Path projectDir, String path, String entry, String key) {
        Path p = projectDir.resolve(path);
        if (!Files.isReadable(p)) {
            throw new SluiceException("Runner entry '" + entry + "': " + key + " names " + p + ", which is not a "
                    + "readable file. Give the path of the PEM file (relative to the project directory).");
        }
        return p.toFile();
    }

    @Override
    public void close() {
        stubs.shutdown();
        stubs.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
