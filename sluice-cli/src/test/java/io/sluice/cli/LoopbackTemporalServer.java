package io.sluice.cli;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.TestServicesStarter;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Temporal's own test server ({@code temporal-testing}'s services, as {@code
 * io.temporal.testserver.TestServer PORT} runs them: real time, no time skipping), bound to the
 * loopback address only — run as a separate JVM by the tests, stopped by its PID. Prints
 * {@code listening} once it accepts calls.
 */
public final class LoopbackTemporalServer {
    private LoopbackTemporalServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                port));
        services.getServices().forEach(builder::addService);
        Server server = builder.build().start();
        System.out.println("listening on 127.0.0.1:" + port);
        System.out.flush();
        server.awaitTermination();
    }
}
