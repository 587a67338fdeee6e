/**
 * Closeable things with an owner's lifetime: {@link io.sluice.resource.Resources}, the registry a
 * session's catalog keeps its connection pools and in-process databases in, and the seed of
 * engines (named connections from {@code engines.yml}). Nothing here is process-global: two
 * sessions in one JVM have two registries, and closing one leaves the other working.
 */
package io.sluice.resource;
