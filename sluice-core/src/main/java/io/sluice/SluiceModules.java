package io.sluice;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which optional Sluice module provides a dataset or engine type that is not on the class path:
 * a project depends on {@code sluice-core} plus the modules it uses, so a catalog naming
 * {@code type: parquet} without {@code sluice-duckdb} fails with the dependency to add instead of
 * "unknown type". The spellings are those of the modules' {@code DatasetType}s and
 * {@code EngineType}s (names and aliases); a fully qualified class name is matched by its package.
 * ({@code ModuleHintsTest} in sluice-cli checks the list against the types it finds.)
 */
public final class SluiceModules {
    /** A module, the type spellings it registers, and the packages of its classes. */
    private record Module(String artifactId, List<String> datasetTypes, List<String> engineTypes,
                          List<String> packages) {
    }

    private static final List<Module> MODULES = List.of(
            new Module("sluice-datasets",
                    List.of("yaml", "YAMLDataset", "YamlDataset", "bytes", "serialized", "partitioned",
                            "PartitionedDataset", "api", "APIDataset", "api.APIDataset"),
                    List.of("http"),
                    List.of("io.sluice.datasets.files.", "io.sluice.datasets.http.", "io.sluice.datasets.partitioned.")),
            new Module("sluice-duckdb",
                    List.of("parquet", "ParquetDataset", "sql.Table", "sql_table", "SQLTableDataset", "sql.Query",
                            "sql_query", "SQLQueryDataset", "sql.TableRef", "sql_table_ref"),
                    List.of("jdbc"),
                    List.of("io.sluice.datasets.sql.", "io.sluice.datasets.parquet.")),
            new Module("sluice-onnx", List.of("model"), List.of(), List.of("io.sluice.datasets.model.")),
            new Module("sluice-spark",
                    List.of("spark.Parquet", "spark.Csv", "spark.JdbcTable", "spark.SparkJDBCDataset"),
                    List.of("spark"), List.of("io.sluice.spark.")),
            new Module("sluice-s3", List.of(), List.of("s3"), List.of("io.sluice.s3.")));

    private SluiceModules() {
    }

    /** The artifactId of the module providing dataset type {@code type} (a short name, alias or class name). */
    public static Optional<String> forDatasetType(String type) {
        return find(type, Module::datasetTypes);
    }

    /** The artifactId of the module providing engine type {@code type} (a short name or class name). */
    public static Optional<String> forEngineType(String type) {
        return find(type, Module::engineTypes);
    }

    /**
     * What to tell the user: {@code "needs io.sluice:sluice-duckdb; add it to pom.xml ..."}, to
     * follow {@code "dataset 'x' has type 'parquet', which "}.
     */
    public static String missing(String artifactId) {
        return "needs io.sluice:" + artifactId + "; add it to pom.xml (<dependency><groupId>io.sluice</groupId>"
                + "<artifactId>" + artifactId + "</artifactId></dependency>, its version managed by io.sluice:sluice-bom)"
                + " and rebuild the project.";
    }

    /**
     * Whether {@code type} names a class {@code loader} sees (a short type name never does): a
     * type of a module's list that is not visible means the module is missing.
     */
    public static boolean visible(String type, ClassLoader loader) {
        try {
            Class.forName(type, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static Optional<String> find(String type, Function<Module, List<String>> spellings) {
        for (Module m : MODULES) {
            if (spellings.apply(m).contains(type) || m.packages().stream().anyMatch(type::startsWith)) {
                return Optional.of(m.artifactId());
            }
        }
        return Optional.empty();
    }
}
