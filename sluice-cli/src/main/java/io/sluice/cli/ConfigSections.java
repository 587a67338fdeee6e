package io.sluice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sluice.SluiceException;
import io.sluice.config.ConfigLoader;
import io.sluice.config.ProjectConfig;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What the commands that show one configuration section ({@code engines}, {@code runners}) share:
 * the project's configuration for an env, read without compiling the pipelines, the class loader
 * that sees the project's plug-ins, and JSON output.
 */
final class ConfigSections {
    private ConfigSections() {
    }

    /** The project's merged configuration for {@code env}; no pipeline is compiled. */
    static ProjectConfig load(SluiceMain root, String env) {
        return ConfigLoader.load(root.configInput(), root.projectDir(), env, Map.of(), System.getenv());
    }

    /** The loader of the project's classes (engine and runner types, custom classes). */
    static ClassLoader projectLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : ConfigSections.class.getClassLoader();
    }

    /** Prints {@code value} as indented JSON; {@code what} names it in the error ("engine 'x'"). */
    static void printJson(PrintWriter out, Object value, String what) {
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new SluiceException("Cannot print " + what + ": " + e.getOriginalMessage(), e);
        }
    }
}
