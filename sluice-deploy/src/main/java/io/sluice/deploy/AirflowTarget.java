package io.sluice.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Airflow 2.7+ and 3: one DAG file with a task per group, a {@code KubernetesPodOperator} running
 * the image (default) or a {@code BashOperator} running {@code sluice} on the worker; one
 * {@code a >> b} line per group dependency; retries and execution timeouts from the task policy.
 * The run id is Airflow's {@code run_id}, made a safe Sluice run id by the DAG's
 * {@code sluice_run_id} filter, so every task of a DAG run (and its retries) joins one Sluice run.
 */
final class AirflowTarget implements Target {
    private final TargetOptions options;

    AirflowTarget(TargetOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "airflow";
    }

    static String fileName(DeployPlan plan) {
        return "sluice_" + Names.python(plan.pipeline().replaceAll("^_+|_+$", "")) + "_dag.py";
    }

    @Override
    public ExportFiles render(DeployPlan plan) {
        List<String> ids = plan.tasks().stream().map(Task::id).toList();
        Map<String, String> vars = Names.unique(ids, Names::python, 200, "_");
        Map<String, String> taskIds = Names.unique(ids, Names::airflowTaskId, 250, "_");
        boolean k8s = options.airflowOperator().equals("kubernetes");
        boolean resources = k8s && plan.tasks().stream()
                .anyMatch(t -> t.settings().cpu().isPresent() || t.settings().memory().isPresent());
        StringBuilder py = new StringBuilder();
        py.append("# ").append(plan.stamp(name())).append('\n');
        py.append("# Deploy: copy this file into the dags folder of Airflow 2.7+ or 3.\n");
        py.append("\"\"\"Sluice pipeline ").append(plan.pipeline()).append(" as an Airflow DAG: one task per group, "
                + "each running\n`sluice run --pipeline P --group G --run-id RUN_ID --env ").append(plan.env())
                .append("` with Airflow's run id.\"\"\"\n");
        py.append("import re\nfrom datetime import timedelta\n\nimport pendulum\nfrom airflow import DAG\n");
        if (k8s) {
            py.append("from airflow.providers.cncf.kubernetes.operators.pod import KubernetesPodOperator\n");
            if (resources) {
                py.append("from kubernetes.client import models as k8s\n");
            }
        } else {
            py.append("\ntry:  # Airflow 3\n    from airflow.providers.standard.operators.bash import BashOperator\n"
                    + "except ImportError:  # Airflow 2\n    from airflow.operators.bash import BashOperator\n");
        }
        py.append("\nSTRUCTURE_HASH = ").append(str(plan.structureHash())).append("\n\n\n");
        py.append("""
                def sluice_run_id(run_id):
                    \"\"\"Airflow's run id as a Sluice run id: 1 to 128 letters, digits and . _ : + - starting alphanumeric.\"\"\"
                    safe = re.sub(r"[^A-Za-z0-9._:+-]", "-", run_id).replace("..", "-")
                    safe = re.sub(r"^[^A-Za-z0-9]+", "", safe)
                    return (safe or "run")[:128]


                """.stripLeading().stripIndent());
        py.append("with DAG(\n");
        py.append("    dag_id=").append(str("sluice-" + Names.airflowTaskId(plan.pipeline()))).append(",\n");
        py.append("""
                    schedule=None,
                    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
                    catchup=False,
                    tags=["sluice"],
                    user_defined_filters={"sluice_run_id": sluice_run_id},
                    doc_md=__doc__,
                ) as dag:
                """);
        for (Task t : plan.tasks()) {
            List<String> cmd = plan.command(t, "{{ run_id | sluice_run_id }}", plan.env());
            py.append("    ").append(vars.get(t.id())).append(" = ").append(k8s ? "KubernetesPodOperator" : "BashOperator")
                    .append("(\n");
            arg(py, "task_id", str(taskIds.get(t.id())));
            if (k8s) {
                arg(py, "name", str(Names.dns1123(t.id())));
                if (options.namespace() != null) {
                    arg(py, "namespace", str(options.namespace()));
                }
                arg(py, "image", str(t.image()));
                arg(py, "cmds", list(cmd.subList(0, 1)));
                arg(py, "arguments", list(cmd.subList(1, cmd.size())));
                if (resources && (t.settings().cpu().isPresent() || t.settings().memory().isPresent())) {
                    StringBuilder req = new StringBuilder();
                    t.settings().cpu().ifPresent(c -> req.append(str("cpu")).append(": ").append(str(c)));
                    t.settings().memory().ifPresent(m -> req.append(req.length() > 0 ? ", " : "").append(str("memory"))
                            .append(": ").append(str(m)));
                    String limits = t.settings().memory().map(m -> ", limits={" + str("memory") + ": " + str(m) + "}")
                            .orElse("");
                    arg(py, "container_resources", "k8s.V1ResourceRequirements(requests={" + req + "}" + limits + ")");
                }
                if (!t.settings().nodeSelector().isEmpty()) {
                    arg(py, "node_selector", "{" + t.settings().nodeSelector().entrySet().stream()
                            .map(e -> str(e.getKey()) + ": " + str(e.getValue())).collect(Collectors.joining(", "))
                            + "}");
                }
                arg(py, "get_logs", "True");
            } else {
                arg(py, "bash_command", str(cmd.stream().map(AirflowTarget::shell).collect(Collectors.joining(" "))));
            }
            TaskPolicy p = t.policy();
            arg(py, "retries", String.valueOf(p.retries()));
            if (p.retries() > 0) {
                arg(py, "retry_delay", timedelta(Formats.seconds(p.backoff())));
                arg(py, "retry_exponential_backoff", "True");
                arg(py, "max_retry_delay", timedelta(Formats.seconds(p.maxBackoff())));
            }
            p.deadline().ifPresent(d -> arg(py, "execution_timeout", timedelta(Formats.seconds(d))));
            py.append("    )\n");
        }
        boolean first = true;
        for (Task t : plan.tasks()) {
            for (String d : t.dependsOn()) {
                if (first) {
                    py.append('\n');
                    first = false;
                }
                py.append("    ").append(vars.get(d)).append(" >> ").append(vars.get(t.id())).append('\n');
            }
        }
        return new ExportFiles(name(), plan.structureHash(), new TreeMap<>(Map.of(fileName(plan), py.toString())));
    }

    private static void arg(StringBuilder py, String name, String value) {
        py.append("        ").append(name).append('=').append(value).append(",\n");
    }

    private static String timedelta(long seconds) {
        return "timedelta(seconds=" + Math.max(1, seconds) + ")";
    }

    /** A Python string literal. */
    static String str(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static String list(List<String> items) {
        return items.stream().map(AirflowTarget::str).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A word for sh: as is when plain (templates included), else single-quoted. */
    static String shell(String word) {
        return word.matches("[A-Za-z0-9_./:=+@%,{}|-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
