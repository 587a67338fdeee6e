package io.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of a new project: resources under {@code io/sluice/cli/template/}, listed with their
 * destinations in {@code template/files.txt}, with {@code {{name}}} placeholders.
 *
 * <p>Each line of {@code files.txt} is {@code SOURCE TARGET}: a template file and the path it is
 * written to in the project (itself with placeholders, e.g.
 * {@code src/main/java/{{packagePath}}/{{projectClass}}.java}); a {@code -} source writes an empty
 * file ({@code .gitkeep}). Templates have a {@code .tmpl} suffix so that neither the IDE nor the
 * resources plugin (which skips {@code .gitignore}) treats them as what they become. A placeholder
 * without a value is a bug in the templates and fails the generation.
 */
final class ProjectTemplate {
    static final String DIRECTORY = "template/";
    static final String INDEX = DIRECTORY + "files.txt";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_.-]+)}}");

    /** One file of the template: {@code source} is null for an empty file. */
    record Entry(String source, String target) {
    }

    private ProjectTemplate() {
    }

    /** The placeholders' values for {@code project}. */
    static Map<String, String> variables(NewProject project, Versions versions) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("name", project.name());
        vars.put("groupId", project.groupId());
        vars.put("package", project.javaPackage());
        vars.put("packagePath", project.packagePath());
        vars.put("projectClass", project.projectClass());
        for (String key : List.of("sluice.version", "junit.version", "assertj.version", "maven-clean-plugin",
                "maven-resources-plugin", "maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin",
                "maven-install-plugin", "maven-deploy-plugin", "maven-site-plugin", "maven-dependency-plugin")) {
            vars.put(key, versions.get(key));
        }
        return vars;
    }

    /** The template's files, in the order of {@code files.txt}. */
    static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (String line : read(INDEX).split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException(INDEX + ": expected 'SOURCE TARGET', got '" + l + "'");
            }
            entries.add(new Entry(parts[0].equals("-") ? null : parts[0], parts[1]));
        }
        return entries;
    }

    /** Writes every file of the template, rendered with {@code vars}, under {@code dir}. */
    static void writeTo(Path dir, Map<String, String> vars) throws IOException {
        for (Entry e : entries()) {
            Path file = dir.resolve(render(e.target(), vars, INDEX));
            Files.createDirectories(file.getParent());
            String text = e.source() == null ? "" : render(read(DIRECTORY + e.source()), vars, DIRECTORY + e.source());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    /** {@code text} with every {@code {{key}}} replaced by its value. */
    static String render(String text, Map<String, String> vars, String where) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder b = new StringBuilder(text.length() + 256);
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(where + ": no value for the placeholder " + m.group());
            }
            m.appendReplacement(b, Matcher.quoteReplacement(value));
        }
        return m.appendTail(b).toString();
    }

    private static String read(String resource) {
        try (InputStream in = ProjectTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("io/sluice/cli/" + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
