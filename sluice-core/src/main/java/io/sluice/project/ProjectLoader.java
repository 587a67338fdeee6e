package io.sluice.project;

import io.sluice.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the user's {@link Project} on the class path through {@link ServiceLoader}: the project
 * jar (or classes directory) lists its implementation in
 * {@code META-INF/services/io.sluice.project.Project}.
 */
public final class ProjectLoader {
    private ProjectLoader() {
    }

    /** The single project visible to {@code loader}; errors when there is none or several. */
    public static Project load(ClassLoader loader) {
        List<Project> found = new ArrayList<>();
        for (Project p : ServiceLoader.load(Project.class, loader)) {
            found.add(p);
        }
        if (found.isEmpty()) {
            throw new SluiceException("No Sluice project on the class path. Implement io.sluice.project.Project "
                    + "and list the class in src/main/resources/META-INF/services/io.sluice.project.Project, "
                    + "then rebuild the project (mvn package).");
        }
        if (found.size() > 1) {
            List<String> names = found.stream().map(p -> p.getClass().getName()).sorted().toList();
            throw new SluiceException("Several Sluice projects on the class path: " + String.join(", ", names)
                    + ". Keep exactly one META-INF/services/io.sluice.project.Project entry on the class path.");
        }
        return found.get(0);
    }
}
