package io.sluice.session;

import io.sluice.SluiceException;
import io.sluice.engine.EngineCatalog;
import io.sluice.engine.EngineConfigException;
import io.sluice.pipeline.InputKind;
import io.sluice.pipeline.Node;
import io.sluice.pipeline.Pipeline;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check {@link Session#compile} makes of every {@code engine:<name>} node input of every
 * registered pipeline: the engine is declared and supplies the parameter's type. Nothing is
 * created or connected; every problem is reported at once.
 */
final class EngineBindings {
    private EngineBindings() {
    }

    static void check(Map<String, Pipeline> pipelines, EngineCatalog engines) {
        Set<Node> seen = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        for (Pipeline p : pipelines.values()) {
            for (Node node : p.nodes()) {
                if (!seen.add(node)) {
                    continue;
                }
                List<String> inputs = node.inputs();
                Type[] declared = node.parameterTypes();
                for (int j = 0; j < inputs.size(); j++) {
                    String input = inputs.get(j);
                    if (InputKind.of(input) != InputKind.ENGINE) {
                        continue;
                    }
                    Type type = j < declared.length ? declared[j] : Object.class;
                    try {
                        engines.engine(input.substring(InputKind.ENGINE_PREFIX.length()),
                                EngineInputs.isHandle(type) ? Object.class : type,
                                "Node '" + node.name() + "' reads '" + input + "' as parameter " + (j + 1));
                    } catch (EngineConfigException e) {
                        errors.add(e.getMessage());
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new SluiceException(String.join("\n", new LinkedHashSet<>(errors)));
        }
    }
}
