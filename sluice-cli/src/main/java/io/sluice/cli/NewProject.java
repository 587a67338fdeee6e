package io.sluice.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * What {@code sluice new} generates: the project's name (its directory and Maven artifactId), its
 * Maven groupId, its Java package and the name of its {@code Project} class.
 *
 * <p>Defaults, when an option is not given:
 * <ul>
 *   <li>group id: the package without its last segment when {@code --package} has two or more
 *       segments ({@code com.acme.sales} gives {@code com.acme}), else {@code com.example};</li>
 *   <li>package: the group id, a dot, and the name lower-cased with {@code -} and {@code .}
 *       replaced by {@code _} ({@code my-project} gives {@code com.example.my_project});</li>
 *   <li>project class: the name in PascalCase followed by {@code Project}, unless it already ends
 *       with it ({@code weather} gives {@code WeatherProject}, {@code my-project}
 *       {@code MyProject}).</li>
 * </ul>
 *
 * @param name        the project name
 * @param groupId     the Maven groupId
 * @param javaPackage the Java package of the generated sources
 * @param projectClass the simple name of the generated {@code io.sluice.project.Project}
 */
record NewProject(String name, String groupId, String javaPackage, String projectClass) {

    static final String DEFAULT_GROUP_ID = "com.example";

    /** Letters and digits in segments joined by single separators, starting with a letter. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*");
    private static final Pattern GROUP_ID = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");

    /**
     * The project for the command's arguments: {@code groupId} and {@code javaPackage} may be
     * null for their defaults. Throws {@link IllegalArgumentException} with the message for the
     * user when a value is invalid.
     */
    static NewProject of(String name, String groupId, String javaPackage) {
        checkName(name);
        if (groupId != null) {
            checkGroupId(groupId);
        }
        if (javaPackage != null) {
            checkPackage(javaPackage, "Invalid Java package '" + javaPackage + "'");
        }
        String group = groupId != null ? groupId : defaultGroupId(javaPackage);
        String pkg = javaPackage;
        if (pkg == null) {
            pkg = group.toLowerCase(Locale.ROOT).replace('-', '_') + "."
                    + name.toLowerCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            checkPackage(pkg, "The package derived from the project name and group id, " + pkg
                    + ", is not a valid Java package");
        }
        return new NewProject(name, group, pkg, projectClass(name));
    }

    /** The package as a relative path, {@code com/example/my_project}. */
    String packagePath() {
        return javaPackage.replace('.', '/');
    }

    static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid project name '" + name + "': use letters, digits and the "
                    + "separators '-', '_' and '.', starting with a letter and not ending with a separator "
                    + "(the name is the project's directory and Maven artifactId), e.g. my-project.");
        }
    }

    static void checkGroupId(String groupId) {
        if (!GROUP_ID.matcher(groupId).matches()) {
            throw new IllegalArgumentException("Invalid group id '" + groupId + "': use dot-separated segments "
                    + "of letters, digits, '-' and '_', e.g. com.acme.");
        }
    }

    /** Throws with {@code prefix + ": " + the problem + advice} unless {@code pkg} is a usable package. */
    static void checkPackage(String pkg, String prefix) {
        String problem = packageProblem(pkg);
        if (problem != null) {
            throw new IllegalArgumentException(prefix + ": " + problem
                    + ". Use dot-separated Java identifiers, e.g. com.acme.sales, with --package.");
        }
    }

    private static String packageProblem(String pkg) {
        if (pkg.isEmpty()) {
            return "it is empty";
        }
        for (String segment : pkg.split("\\.", -1)) {
            if (segment.isEmpty()) {
                return "it has an empty segment";
            }
            if (SourceVersion.isKeyword(segment, SourceVersion.RELEASE_17)) {
                return "'" + segment + "' is a Java keyword";
            }
            if (!SourceVersion.isIdentifier(segment)) {
                return "'" + segment + "' is not a Java identifier";
            }
        }
        if (pkg.equals("java") || pkg.startsWith("java.")) {
            return "packages under java are reserved for the JDK";
        }
        return null;
    }

    private static String defaultGroupId(String javaPackage) {
        if (javaPackage != null && javaPackage.contains(".")) {
            return javaPackage.substring(0, javaPackage.lastIndexOf('.'));
        }
        return DEFAULT_GROUP_ID;
    }

    private static String projectClass(String name) {
        StringBuilder b = new StringBuilder();
        for (String segment : name.split("[-_.]")) {
            b.append(Character.toUpperCase(segment.charAt(0))).append(segment, 1, segment.length());
        }
        return b.toString().endsWith("Project") ? b.toString() : b + "Project";
    }
}
