/**
 * Distributed runs on Temporal: the {@code temporal} launcher starts a run as a workflow whose id
 * is the run id; each group of the deploy config's grouping is an activity that
 * {@code sluice worker} JVMs on any number of machines execute with the group-run contract
 * (pipeline, group, run id, environment, parameters), in dependency order, a few at a time, with
 * Temporal's retries, heartbeats and history making the run survive worker and client crashes.
 */
package io.sluice.temporal;
