package io.sluice.io;

import java.util.Map;

/** A user dataset that needs credentials, as a database dataset would. */
public class SecretDataset implements Dataset<String> {
    private final DatasetConfig config;
    private final Credentials credentials;

    public SecretDataset(DatasetConfig config) {
        this.config = config;
        this.credentials = config.credentials();
        for (Object key : config.list("require")) {
            credentials.get(String.valueOf(key));
        }
    }

    @Override
    public String load() {
        return credentials.get("user");
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
        return config.describe();
    }

    @Override
    public String toString() {
        return "SecretDataset" + credentials;
    }
}
