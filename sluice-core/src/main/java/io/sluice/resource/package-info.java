/**
 * Closeable things with an owner's lifetime: {@link io.sluice.resource.Resources}, the registry a
 * session's catalog keeps its own connection pools and in-process databases in, and in which the
 * engine catalog keeps the clients of the engines of {@code engines.yml}. Nothing here is
 * process-global: two sessions in one JVM have two registries, and closing one leaves the other
 * working.
 */
package io.sluice.resource;
