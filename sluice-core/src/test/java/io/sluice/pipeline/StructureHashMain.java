package io.sluice.pipeline;

/**
 * Run in a second JVM by {@link StructureHashTest}: prints the structure hash of the seeded
 * pseudo-random pipeline {@code args[0]} of {@code args[1]} nodes.
 */
public final class StructureHashMain {
    private StructureHashMain() {
    }

    public static void main(String[] args) {
        System.out.println(RandomPipelines.build(Long.parseLong(args[0]), Integer.parseInt(args[1])).structureHash());
        System.out.flush();
    }
}
