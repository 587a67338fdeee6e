/**
 * HTTP APIs: the {@code http} engine ({@link io.sluice.datasets.http.HttpEngine}), whose client
 * {@link io.sluice.datasets.http.HttpApi} nodes receive as {@code engine:<name>}, and the
 * {@code api} dataset ({@link io.sluice.datasets.http.ApiDataset}) that reads and writes JSON
 * resources through it. Built on the JDK's {@code java.net.http}: no dependency beyond Jackson,
 * which the JSON datasets already use.
 */
package io.sluice.datasets.http;
