/**
 * Grouping: mapping the M nodes of a pipeline onto N deployable groups (orchestrator tasks), and
 * validating the result before any export or remote run.
 *
 * <p>{@link io.sluice.group.Grouper} applies a {@link io.sluice.group.GroupStrategy} to a pipeline
 * and the names of its persisted datasets (plain data, so that it also works on a pipeline that
 * was loaded without its classes), giving an immutable {@link io.sluice.group.Grouping}: groups
 * with their member nodes in pipeline order, the dependencies between groups and the boundary
 * datasets. {@link io.sluice.group.Grouper#check} validates a grouping: acyclic group graph, every
 * node in exactly one group, no memory dataset crossing a boundary, plus the project's own
 * {@link io.sluice.group.GroupRule}s (hooks' {@code checkGroups}).
 *
 * <p>The package uses pipelines, config and run ids only; it sits right above
 * {@code io.sluice.run} in the layers.
 */
package io.sluice.group;
