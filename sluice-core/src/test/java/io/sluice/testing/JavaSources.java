package io.sluice.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles Java sources at test time (javax.tools) against the test class path, into a folder. */
public final class JavaSources {
    private JavaSources() {
    }

    /**
     * Compiles {@code sources} (binary class name to source text) into {@code classes} and returns
     * that folder.
     *
     * @throws AssertionError with javac's messages when compilation fails
     */
    public static Path compile(Path classes, Map<String, String> sources) {
        try {
            Path src = Files.createTempDirectory("sluice-src");
            List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                    System.getProperty("java.class.path"), "-proc:none", "--release", "17"));
            for (Map.Entry<String, String> e : sources.entrySet()) {
                Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
                args.add(file.toString());
            }
            Files.createDirectories(classes);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter messages = new StringWriter();
            int code = javac.run(null, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                    new java.io.PrintStream(new java.io.OutputStream() {
                        @Override
                        public void write(int b) {
                            messages.write(b);
                        }
                    }), args.toArray(String[]::new));
            if (code != 0) {
                throw new AssertionError("javac failed:\n" + messages);
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loader over {@code classes} whose parent is the test's class loader. */
    public static URLClassLoader loader(Path classes) {
        try {
            return new URLClassLoader(new URL[] {classes.toUri().toURL()}, JavaSources.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
