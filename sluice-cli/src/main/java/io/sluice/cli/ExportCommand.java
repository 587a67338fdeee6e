package io.sluice.cli;

import io.sluice.cli.args.CommandDef;
import io.sluice.cli.args.OptionDef;
import io.sluice.cli.args.ParamDef;
import io.sluice.cli.args.ParsedArgs;
import io.sluice.cli.args.UsageException;
import io.sluice.config.ConfigMap;
import io.sluice.deploy.DeployPlan;
import io.sluice.deploy.DeploySettings;
import io.sluice.deploy.ExportFiles;
import io.sluice.deploy.Staleness;
import io.sluice.deploy.Target;
import io.sluice.deploy.TargetOptions;
import io.sluice.group.GroupStrategy;
import io.sluice.group.DeploySpec;
import io.sluice.group.Group;
import io.sluice.group.Grouping;
import io.sluice.hooks.Hooks;
import io.sluice.io.DataCatalog;
import io.sluice.pipeline.doc.PipelineDocument;
import io.sluice.project.Project;
import io.sluice.runner.RunPolicy;
import io.sluice.runner.RunnerCatalog;
import io.sluice.runner.RunnerEntry;
import io.sluice.session.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice export TARGET}: the pipeline's groups as the deployment files of an orchestrator
 * (see io.sluice.deploy), written atomically into {@code --out}, or compared with deployed files
 * ({@code --check DIR}: exit 0 up to date, 1 stale with the reason).
 */
final class ExportCommand implements Command {
    private static final String NAME = Commands.NAME + " export";

    private final SluiceMain root;
    private final String target;
    private final String env;
    private final String pipeline;
    private final GroupingOptions grouping;
    private final String image;
    private final String runner;
    private final String out;
    private final String check;
    private final TargetOptions options;
    private final boolean packageNameGiven;

    ExportCommand(SluiceMain root, ParsedArgs args) {
        this.root = root;
        target = args.param(0, null);
        env = EnvOption.value(args);
        pipeline = args.value("--pipeline", Project.DEFAULT_PIPELINE);
        grouping = new GroupingOptions(args, "--group-by", NAME);
        image = args.value("--image", null);
        runner = args.value("--runner", null);
        out = args.value("--out", null);
        check = args.value("--check", null);
        if (out != null && check != null) {
            throw new UsageException(NAME, "--out writes files, --check compares deployed ones: give one.", null);
        }
        packageNameGiven = args.value("--package-name", null) != null;
        options = new TargetOptions(args.value("--argo-kind", null), args.value("--airflow-operator", null),
                args.value("--aws-job-queue", null), args.value("--namespace", null),
                args.value("--databricks-spark-version", null), args.value("--databricks-node-type", null),
                args.value("--package-name", null));
    }

    static CommandDef definition() {
        return CommandDef.of("export", "Write a pipeline's groups as the deployment files of an orchestrator: one "
                        + "task per group running `sluice run --pipeline P --group G --run-id R --env E`, R being the "
                        + "platform's run id. The grouping is validated first; the files are deterministic, carry the "
                        + "pipeline's structure hash, and replace --out whole (nothing is written on an error).")
                .withParams(ParamDef.required("TARGET", "argo (Argo Workflows), aws (AWS Batch + Step Functions), "
                        + "airflow (an Airflow DAG file), databricks (a Databricks Workflows job), kubeflow (KFP v2 / "
                        + "Vertex AI pipeline IR) or docker (the Dockerfile of the image the others run)."))
                .withOptions(options());
    }

    private static List<OptionDef> options() {
        List<OptionDef> all = new ArrayList<>(List.of(
                        OptionDef.value("--image", "IMAGE", "The container image every task runs (required; "
                                + "deploy.yml's tasks may name another per group)."),
                        OptionDef.value("-p, --pipeline", "NAME",
                                "The registered pipeline (default: " + Project.DEFAULT_PIPELINE + ")."),
                        OptionDef.value("--runner", "NAME", "The runner entry whose retries and timeouts become the "
                                + "tasks' (and that the tasks run with; default: the entry named default)."),
                        OptionDef.value("-o, --out", "DIR", "Where to write the files (default: deploy/TARGET in "
                                + "the project)."),
                        OptionDef.value("--check", "DIR", "Write nothing: exit 0 when the files in DIR are what "
                                + "this export writes, 1 when stale (the structure hash or the files differ)."),
                        OptionDef.value("--argo-kind", "KIND", "argo: workflow (default) or template "
                                + "(a WorkflowTemplate).").oneOf(List.of("workflow", "template")),
                        OptionDef.value("--airflow-operator", "OPERATOR", "airflow: kubernetes "
                                + "(KubernetesPodOperator, default) or bash (BashOperator).")
                                .oneOf(List.of("kubernetes", "bash")),
                        OptionDef.value("--aws-job-queue", "QUEUE", "aws: the Batch job queue (default: sluice)."),
                        OptionDef.value("--namespace", "NAMESPACE", "argo, airflow (kubernetes): the Kubernetes namespace."),
                        OptionDef.value("--databricks-spark-version", "VERSION", "databricks: the runtime of the "
                                + "job clusters (default: " + TargetOptions.DATABRICKS_SPARK_VERSION + ")."),
                        OptionDef.value("--package-name", "NAME", "docker, databricks: the name sluice package "
                                + "gave the jar and config archive the image holds (default: as sluice package "
                                + "names it, the project directory's name)."),
                        OptionDef.value("--databricks-node-type", "TYPE", "databricks: the node type of the job "
                                + "clusters (default: " + TargetOptions.DATABRICKS_NODE_TYPE + ")."),
                        EnvOption.definition()));
        all.addAll(2, GroupingOptions.definitions("--group-by", "How to group, as sluice groups --by (default: the "
                + "deploy config's groups or strategy, else memory-components: how each task's sluice run --group "
                + "groups; another grouping is written into each task's command as sluice run --group-by)"));
        return all;
    }

    private static List<String> groupIds(Grouping g) {
        return g.groups().stream().map(Group::id).toList();
    }

    @Override
    public int call() {
        Target.named(target, options); // an unknown target fails before the project is read
        TargetOptions o = !packageNameGiven // docker and databricks name sluice package's files as it does
                ? new TargetOptions(options.argoKind(), options.airflowOperator(), options.awsJobQueue(),
                        options.namespace(), options.databricksSparkVersion(), options.databricksNodeType(),
                        PackageCommand.defaultName(root.projectDir()))
                : options;
        Target t = Target.named(target, o);
        ExportFiles files;
        GroupStrategy carried;
        try (Session session = root.openSession(env, Map.of())) {
            ConfigMap deploy = session.config().get("deploy");
            // the tasks run `sluice run --group G`, which groups by the deploy config: by default the export does too
            GroupStrategy byDeployConfig = DeploySpec.strategyOf(deploy);
            Grouping deployed = grouping.group(session, pipeline, byDeployConfig);
            GroupStrategy chosen = grouping.by == null ? byDeployConfig : grouping.strategy(session, env, grouping.by);
            Grouping groups = grouping.by == null ? deployed : grouping.group(session, pipeline, chosen);
            // another grouping: every task command carries it (sluice run --group G --group-by S ...)
            carried = groups.groups().equals(deployed.groups()) ? null : chosen;
            PipelineDocument document = session.export(pipeline);
            DeployPlan plan = DeployPlan.of(document, groups, Hooks.of(session.project().hooks()).groupRules(),
                    policy(session.runners()), DeploySettings.of(deploy), env, image, runner, carried);
            files = t.render(plan);
        }
        if (carried != null && check == null) {
            root.err.println("The tasks carry --group-by " + grouping.by + ": the deploy config (conf/" + env
                    + "/deploy.yml, or memory-components without one) groups otherwise.");
        }
        if (check != null) {
            Staleness s = files.check(resolve(check));
            root.out.println((s.upToDate() ? "Up to date: " : "Stale: ") + s.reason());
            root.out.flush();
            return s.upToDate() ? 0 : SluiceMain.EXIT_ERROR;
        }
        Path dir = resolve(out != null ? out : "deploy/" + t.name());
        files.writeTo(dir);
        List<String> names = new ArrayList<>(files.files().keySet());
        root.err.println("Exported pipeline '" + pipeline + "' for " + t.name() + " to " + dir + ": "
                + String.join(", ", names));
        root.err.flush();
        return 0;
    }

    private RunPolicy policy(RunnerCatalog runners) {
        RunnerEntry entry = runner != null ? runners.entry(runner) : runners.find(RunnerCatalog.DEFAULT);
        return entry == null ? RunPolicy.NONE : entry.policy();
    }

    private Path resolve(String dir) {
        Path p = Path.of(dir);
        return p.isAbsolute() ? p : root.projectDir().resolve(p);
    }
}
