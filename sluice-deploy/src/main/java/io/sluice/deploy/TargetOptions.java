package io.sluice.deploy;

import java.util.List;

/**
 * The options of particular targets, each with its default.
 *
 * @param argoKind        {@code workflow} (submit it) or {@code template} (a WorkflowTemplate to submit from)
 * @param airflowOperator {@code kubernetes} (KubernetesPodOperator, the image per task) or
 *                        {@code bash} (BashOperator: sluice on the Airflow worker)
 * @param awsJobQueue     the AWS Batch job queue (name or ARN) the state machine submits to
 * @param namespace       the Kubernetes namespace for Argo and KubernetesPodOperator, or null for the default
 */
public record TargetOptions(String argoKind, String airflowOperator, String awsJobQueue, String namespace) {
    static final List<String> ARGO_KINDS = List.of("workflow", "template");
    static final List<String> AIRFLOW_OPERATORS = List.of("kubernetes", "bash");
    /** Every option at its default. */
    public static final TargetOptions DEFAULTS = new TargetOptions("workflow", "kubernetes", "sluice", null);

    public TargetOptions {
        argoKind = argoKind == null ? "workflow" : argoKind;
        airflowOperator = airflowOperator == null ? "kubernetes" : airflowOperator;
        awsJobQueue = awsJobQueue == null ? "sluice" : awsJobQueue;
        if (!ARGO_KINDS.contains(argoKind)) {
            throw new ExportException("Unknown Argo kind '" + argoKind + "': workflow or template.");
        }
        if (!AIRFLOW_OPERATORS.contains(airflowOperator)) {
            throw new ExportException("Unknown Airflow operator '" + airflowOperator + "': kubernetes or bash.");
        }
    }
}
