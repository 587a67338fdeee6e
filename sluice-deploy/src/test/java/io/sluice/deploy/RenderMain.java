package io.sluice.deploy;

import io.sluice.group.GroupStrategy;
import java.nio.file.Path;
import java.util.Map;

/** Run in a child JVM by {@link DeterminismTest}: renders one export and prints its files. */
public final class RenderMain {
    private RenderMain() {
    }

    public static void main(String[] args) {
        ExportFiles files = Target.named(args[1], TargetOptions.DEFAULTS).render(Spaceflights
                .fixture(Path.of(args[0]), new GroupStrategy.MemoryComponents(), false).plan(Exports.ENV, Exports.IMAGE));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            out.append("=== ").append(f.getKey()).append('\n').append(f.getValue());
        }
        System.out.print(out);
        System.out.flush();
    }
}
