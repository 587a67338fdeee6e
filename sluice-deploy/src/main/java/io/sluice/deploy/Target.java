package io.sluice.deploy;

import io.sluice.Suggestions;
import java.util.List;

/**
 * A platform {@code sluice export} writes for: a closed set, in the order of {@link #NAMES}.
 * Rendering is pure: the same plan gives the same bytes.
 */
public sealed interface Target permits ArgoTarget, AwsTarget, AirflowTarget, DatabricksTarget, DockerTarget,
        KubeflowTarget {

    /** The targets' names, as {@code sluice export TARGET} takes them. */
    List<String> NAMES = List.of("argo", "aws", "airflow", "databricks", "docker", "kubeflow");

    /** The name, e.g. {@code argo}. */
    String name();

    /** The files deploying {@code plan} on this platform. */
    ExportFiles render(DeployPlan plan);

    /**
     * The target called {@code name}.
     *
     * @throws ExportException for an unknown name, listing the targets (with the closest one)
     */
    static Target named(String name, TargetOptions options) {
        return switch (name == null ? "" : name) {
            case "argo" -> new ArgoTarget(options);
            case "aws" -> new AwsTarget(options);
            case "airflow" -> new AirflowTarget(options);
            case "databricks" -> new DatabricksTarget(options);
            case "docker" -> new DockerTarget(options);
            case "kubeflow" -> new KubeflowTarget();
            default -> {
                String hint = name == null ? "" : Suggestions.didYouMean(name, NAMES).strip();
                throw new ExportException("Unknown export target '" + name + "'."
                        + (hint.isEmpty() ? "" : " " + hint) + " Targets: " + String.join(", ", NAMES) + ".");
            }
        };
    }
}
