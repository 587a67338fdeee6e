/**
 * The {@code process} launcher: each group of one run as its own {@code sluice run --group} JVM,
 * in dependency order, a few at a time, under one run id — the local stand-in for a container
 * platform, and the end-to-end check that the groups of a run can run apart.
 */
package io.sluice.launch.process;
