package io.sluice.deploy;

import io.sluice.group.GroupStrategy;
import java.nio.file.Path;
import java.util.List;

/** The exports the tests check: spaceflights under two groupings, every target and variant. */
final class Exports {
    static final String IMAGE = "registry.example.com/spaceflights:1.0.0";
    static final String ENV = "prod";
    /** The options of a project that sluice package named spaceflights. */
    static final TargetOptions PACKAGED = new TargetOptions(null, null, null, null, null, null, "spaceflights");

    /** A grouping of the tests, named for the golden folders. */
    record Grouped(String name, GroupStrategy strategy) {
    }

    /** A target variant, named for the golden folders. */
    record Variant(String name, String target, TargetOptions options) {
    }

    static final List<Grouped> GROUPINGS = List.of(
            new Grouped("memory-components", new GroupStrategy.MemoryComponents()),
            new Grouped("namespace", new GroupStrategy.ByNamespace()));

    static final List<Variant> VARIANTS = List.of(
            new Variant("argo", "argo", TargetOptions.DEFAULTS),
            new Variant("argo-template", "argo", new TargetOptions("template", null, null, "pipelines")),
            new Variant("aws", "aws", TargetOptions.DEFAULTS),
            new Variant("airflow", "airflow", TargetOptions.DEFAULTS),
            new Variant("airflow-bash", "airflow", new TargetOptions(null, "bash", null, null)),
            new Variant("databricks", "databricks", Exports.PACKAGED),
            new Variant("docker", "docker", Exports.PACKAGED),
            new Variant("kubeflow", "kubeflow", TargetOptions.DEFAULTS));

    private Exports() {
    }

    static ExportFiles render(Path dir, Grouped g, Variant v) {
        DeployPlan plan = Spaceflights.fixture(dir, g.strategy(), false).plan(ENV, IMAGE);
        return Target.named(v.target(), v.options()).render(plan);
    }
}
