package io.sluice.deploy;

import java.util.List;

/**
 * The options of particular targets, each with its default.
 *
 * @param argoKind               {@code workflow} (submit it) or {@code template} (a WorkflowTemplate to submit from)
 * @param airflowOperator        {@code kubernetes} (KubernetesPodOperator, the image per task) or
 *                               {@code bash} (BashOperator: sluice on the Airflow worker)
 * @param awsJobQueue            the AWS Batch job queue (name or ARN) the state machine submits to
 * @param namespace              the Kubernetes namespace for Argo and KubernetesPodOperator, or null for the default
 * @param databricksSparkVersion the Databricks runtime of the job clusters, e.g. {@code 15.4.x-scala2.12}
 * @param databricksNodeType     the node type of the job clusters, e.g. {@code i3.xlarge}
 * @param packageName            the name {@code sluice package} gave the project ({@code dist/NAME.jar},
 *                               {@code dist/conf-NAME.tar.gz}), which the image holds (docker, databricks)
 */
public record TargetOptions(String argoKind, String airflowOperator, String awsJobQueue, String namespace,
                            String databricksSparkVersion, String databricksNodeType, String packageName) {
    static final List<String> ARGO_KINDS = List.of("workflow", "template");
    static final List<String> AIRFLOW_OPERATORS = List.of("kubernetes", "bash");
    /** The Databricks runtime by default: a long-term-support release with Java 17. */
    public static final String DATABRICKS_SPARK_VERSION = "15.4.x-scala2.12";
    /** The Databricks node type by default (AWS; e.g. Standard_DS3_v2 on Azure, n2-highmem-4 on GCP). */
    public static final String DATABRICKS_NODE_TYPE = "i3.xlarge";
    /** Every option at its default. */
    public static final TargetOptions DEFAULTS = new TargetOptions(null, null, null, null, null, null, null);
    /** The package name by default (the CLI passes the project directory's name, as sluice package does). */
    public static final String PACKAGE_NAME = "project";

    public TargetOptions {
        argoKind = argoKind == null ? "workflow" : argoKind;
        airflowOperator = airflowOperator == null ? "kubernetes" : airflowOperator;
        awsJobQueue = awsJobQueue == null ? "sluice" : awsJobQueue;
        databricksSparkVersion = databricksSparkVersion == null ? DATABRICKS_SPARK_VERSION : databricksSparkVersion;
        databricksNodeType = databricksNodeType == null ? DATABRICKS_NODE_TYPE : databricksNodeType;
        packageName = packageName == null ? PACKAGE_NAME : packageName;
        if (!packageName.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new ExportException("Package name '" + packageName + "' is not one sluice package writes: lower-case "
                    + "letters, digits, '.', '_' and '-'.");
        }
        if (!ARGO_KINDS.contains(argoKind)) {
            throw new ExportException("Unknown Argo kind '" + argoKind + "': workflow or template.");
        }
        if (!AIRFLOW_OPERATORS.contains(airflowOperator)) {
            throw new ExportException("Unknown Airflow operator '" + airflowOperator + "': kubernetes or bash.");
        }
    }

    /** The options of Argo, Airflow and AWS; Databricks' at their defaults. */
    public TargetOptions(String argoKind, String airflowOperator, String awsJobQueue, String namespace) {
        this(argoKind, airflowOperator, awsJobQueue, namespace, null, null, null);
    }

    /** The options of Argo, Airflow, AWS and Databricks; the package name at its default. */
    public TargetOptions(String argoKind, String airflowOperator, String awsJobQueue, String namespace,
                         String databricksSparkVersion, String databricksNodeType) {
        this(argoKind, airflowOperator, awsJobQueue, namespace, databricksSparkVersion, databricksNodeType, null);
    }

    /** Where the image keeps the config archive: {@code /app/conf-NAME.tar.gz}. */
    String confArchive() {
        return "/app/conf-" + packageName + ".tar.gz";
    }
}
