package io.sluice.pipeline;

/** Placeholder replaced by the node implementation. */
public final class Node {
}
