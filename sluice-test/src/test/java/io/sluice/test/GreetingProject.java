package io.sluice.test;

import static io.sluice.pipeline.Node.node;

import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.util.Map;

/** A one-node project for the kit's own tests: name from params, greeting into a text file. */
public final class GreetingProject implements Project {
    static String greet(String name) {
        return "hello " + name;
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return Map.of("greeting", Pipeline.of(node(GreetingProject::greet).inputs("params:name").outputs("greeting")
                .name("greet")));
    }
}
