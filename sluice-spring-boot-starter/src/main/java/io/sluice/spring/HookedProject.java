package io.sluice.spring;

import io.sluice.hooks.Hook;
import io.sluice.pipeline.Pipeline;
import io.sluice.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The application's project with the hooks the starter adds (the run meters) after the project's
 * own: everything else is the project's.
 */
record HookedProject(Project project, List<Hook> added) implements Project {
    HookedProject {
        added = List.copyOf(added);
    }

    @Override
    public Map<String, Pipeline> pipelines() {
        return project.pipelines();
    }

    @Override
    public Map<String, Supplier<Pipeline>> pipelineFactories() {
        return project.pipelineFactories();
    }

    @Override
    public List<Hook> hooks() {
        List<Hook> all = new ArrayList<>(project.hooks());
        all.addAll(added);
        return all;
    }

    @Override
    public String name() {
        return project.name();
    }
}
