package io.sluice.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user engine for the tests, named by class or as {@code type: counting}: counts the clients
 * it creates, can be slow or fail to create them (with a message that repeats its token), and
 * records when its client was closed.
 */
public final class CountingEngine extends Engine<CountingEngine.Client> {
    record Options(String label, Duration createDelay, boolean fail, boolean hang, List<String> tags) {
    }

    private final Options options;
    private final String token;
    private final AtomicInteger creations = new AtomicInteger();

    public CountingEngine(EngineConfig config) {
        super(config, Client.class);
        this.options = config.bind(Options.class, new Options("plain", Duration.ZERO, false, false, List.of()));
        this.token = config.credentials().optional("token").orElse(null);
    }

    @Override
    protected Client create() throws Exception {
        creations.incrementAndGet();
        if (options.createDelay().toMillis() > 0) {
            Thread.sleep(options.createDelay().toMillis());
        }
        if (options.fail()) {
            throw new java.io.IOException("connection to backend refused for token " + token);
        }
        return new Client(name(), options.label());
    }

    @Override
    protected void check(Client client, Duration timeout) throws Exception {
        if (options.hang()) {
            Thread.sleep(timeout.toMillis() * 10);
        }
    }

    /** How many clients {@link #create()} was asked for. */
    public int creations() {
        return creations.get();
    }

    /** The client: knows whether and when it was closed. */
    public static final class Client implements AutoCloseable {
        private final String engine;
        private final String label;
        private volatile long closedAt;

        Client(String engine, String label) {
            this.engine = engine;
            this.label = label;
        }

        public String engine() {
            return engine;
        }

        public String label() {
            return label;
        }

        public boolean isClosed() {
            return closedAt != 0;
        }

        public long closedAt() {
            return closedAt;
        }

        @Override
        public void close() {
            closedAt = System.nanoTime();
        }
    }

    /** Registers {@link CountingEngine} as {@code counting}. */
    public static final class Type implements EngineType {
        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Engine<?> create(EngineConfig config) {
            return new CountingEngine(config);
        }
    }
}
