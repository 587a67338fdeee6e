package io.sluice.spring;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sluice.*} of the application's configuration: where the project is, which environment
 * and which parameter overrides the session is compiled with.
 *
 * <pre>
 * sluice.project-dir=/srv/spaceflights        # a folder holding conf/ (and data/)
 * sluice.project-dir=classpath:sluice/        # conf/ (and data/) inside the application jar
 * sluice.env=prod                             # default: local
 * sluice.params.model_options.test_size=0.3   # parameter overrides, by dotted path
 * </pre>
 */
@ConfigurationProperties(prefix = "sluice")
public class SluiceProperties {
    /** The classpath prefix of a project packaged inside the application. */
    public static final String CLASSPATH = "classpath:";

    /**
     * The project: a folder holding {@code conf/}, or {@code classpath:sluice/} for a project
     * packaged in the application jar (its {@code conf/} and {@code data/} are copied to
     * {@link #workDir} when the session is compiled). Default: {@code classpath:sluice/} when the
     * class path has {@code sluice/conf/}, else the working directory.
     */
    private String projectDir;
    /** The configuration environment layered over {@code conf/base}. */
    private String env = "local";
    /** Parameter overrides by dotted path, as {@code --params} gives them. */
    private Map<String, String> params = new LinkedHashMap<>();
    /**
     * Where a project packaged on the class path is copied to and runs (its outputs and journals
     * go there). Default: a new temporary folder, deleted when the session closes.
     */
    private Path workDir;

    public String getProjectDir() {
        return projectDir;
    }

    public void setProjectDir(String projectDir) {
        this.projectDir = projectDir;
    }

    public String getEnv() {
        return env;
    }

    public void setEnv(String env) {
        this.env = env;
    }

    public Map<String, String> getParams() {
        return params;
    }

    public void setParams(Map<String, String> params) {
        this.params = params;
    }

    public Path getWorkDir() {
        return workDir;
    }

    public void setWorkDir(Path workDir) {
        this.workDir = workDir;
    }
}
