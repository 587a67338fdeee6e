package io.sluice.io;

import io.sluice.config.ConfigBinder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A user dataset that declares its options as records, read with {@link DatasetConfig#bind}. */
public class PollingDataset implements Dataset<String> {
    /** How the interval changes between polls. */
    public enum Backoff { FIXED, DOUBLING }

    /** The entry's own keys. */
    public record Entry(String url, Duration timeout) {
        static final Entry DEFAULTS = new Entry("http://localhost", Duration.ofSeconds(5));
    }

    /** {@code load_args}. */
    public record LoadArgs(Duration interval, @ConfigBinder.Bytes long bufferSize, Backoff backoff,
                           @ConfigBinder.Range(min = 1, max = 10) int attempts, List<String> headers,
                           Window window, Optional<Proxy> proxy) {
        static final LoadArgs DEFAULTS = new LoadArgs(Duration.ofSeconds(1), 64 * 1024, Backoff.FIXED, 3, List.of(),
                new Window(0, 24), Optional.empty());
    }

    /** A proxy to poll through: when given, both keys are. */
    public record Proxy(String host, int port) {
    }

    /** Hours of the day to poll in. */
    public record Window(int from, int to) {
        public Window {
            if (from > to) {
                throw new IllegalArgumentException("window.from must not be after window.to, got " + from + " > " + to);
            }
        }
    }

    final Entry entry;
    final LoadArgs loadArgs;

    public PollingDataset(DatasetConfig config) {
        this.entry = config.bind(Entry.class, Entry.DEFAULTS);
        this.loadArgs = config.bind("load_args", LoadArgs.class, LoadArgs.DEFAULTS);
    }

    @Override
    public String load() {
        return entry.url();
    }

    @Override
    public void save(String data) {
    }

    @Override
    public boolean exists() {
        return true;
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("url", entry.url());
    }
}
