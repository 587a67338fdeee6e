/**
 * {@code sluice export}: a pipeline's groups written as the deployment files of an orchestrator.
 *
 * <p>The model is class-free: a {@link io.sluice.pipeline.doc.PipelineDocument}, a validated
 * {@link io.sluice.group.Grouping}, the runner entry's {@link io.sluice.runner.RunPolicy}, the
 * per-group {@link io.sluice.deploy.DeploySettings} of {@code deploy.yml}, an environment and a
 * container image make a {@link io.sluice.deploy.DeployPlan}; a {@link io.sluice.deploy.Target}
 * renders it as {@link io.sluice.deploy.ExportFiles}, byte-identical in every process and stamped
 * with the pipeline's structure hash, which {@link io.sluice.deploy.ExportFiles#check} compares
 * with deployed files. Every task runs the group-run contract
 * {@code sluice run --pipeline P --group G --run-id R --env E}, R being the platform's own run
 * identity.
 */
package io.sluice.deploy;
