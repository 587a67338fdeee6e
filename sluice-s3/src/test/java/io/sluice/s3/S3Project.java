package io.sluice.s3;

import io.sluice.config.ConfigMap;
import io.sluice.config.ConfigYaml;
import io.sluice.engine.EngineCatalog;
import io.sluice.io.DataCatalog;
import java.nio.file.Path;

/**
 * The engines and catalog of a test project, parsed from YAML as if read from
 * {@code conf/base/engines.yml}, {@code conf/base/catalog.yml} and {@code conf/local/credentials.yml}
 * (so errors carry those file names and lines). Closing it closes the catalog, then the engines.
 */
record S3Project(EngineCatalog engines, DataCatalog catalog) implements AutoCloseable {
    static S3Project of(Path dir, String engines, String catalog, String credentials) {
        ConfigMap creds = (ConfigMap) ConfigYaml.parse(credentials, "conf/local/credentials.yml");
        EngineCatalog built = EngineCatalog.fromConfig((ConfigMap) ConfigYaml.parse(engines, "conf/base/engines.yml"),
                creds, dir, "local", S3Project.class.getClassLoader());
        try {
            return new S3Project(built, DataCatalog.fromConfig(
                    (ConfigMap) ConfigYaml.parse(catalog, "conf/base/catalog.yml"), creds, dir, built));
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            catalog.close();
        } finally {
            engines.close();
        }
    }
}
