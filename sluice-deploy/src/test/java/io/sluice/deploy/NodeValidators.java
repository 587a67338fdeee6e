package io.sluice.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The platforms' own validators, run with node: {@code @kubernetes-models/argo-workflows} (the
 * Workflow and WorkflowTemplate JSON schemas of Argo's CRDs) and {@code asl-validator} (Amazon
 * States Language), npm-installed from the registry into {@code target/npm-validators} on first
 * use. Without node the tests fail, naming the fix: .ci/run installs nodejs and npm.
 */
final class NodeValidators {
    static final List<String> PACKAGES = List.of("@kubernetes-models/argo-workflows@2.0.0", "asl-validator@4.0.0");
    private static final String SCRIPT = """
            import { readFileSync } from 'node:fs';
            import { Workflow, WorkflowTemplate } from '@kubernetes-models/argo-workflows/argoproj.io/v1alpha1';
            import aslValidator from 'asl-validator';
            const [kind, file] = process.argv.slice(2);
            const doc = JSON.parse(readFileSync(file, 'utf8'));
            if (kind === 'argo') {
              const type = doc.kind === 'WorkflowTemplate' ? WorkflowTemplate : Workflow;
              try {
                new type(doc).validate();
              } catch (e) {
                console.log('INVALID ' + e.message);
                process.exit(1);
              }
            } else if (kind === 'asl') {
              const result = aslValidator(doc);
              if (!result.isValid) {
                console.log('INVALID ' + result.errorsText(' | '));
                process.exit(1);
              }
            } else {
              console.log('unknown kind ' + kind);
              process.exit(2);
            }
            console.log('VALID');
            """;

    private NodeValidators() {
    }

    /** The result of one validation: exit 0 and "VALID", or the validator's errors. */
    record Result(boolean valid, String output) {
    }

    static synchronized Path dir() {
        Path dir = Path.of(System.getProperty("sluice.deploy.npmDir", "target/npm-validators")).toAbsolutePath();
        try {
            if (!Files.exists(dir.resolve("node_modules/asl-validator/package.json"))
                    || !Files.exists(dir.resolve("node_modules/@kubernetes-models/argo-workflows/package.json"))) {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("package.json"), "{\"name\": \"sluice-deploy-validators\", "
                        + "\"private\": true}\n");
                List<String> cmd = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                        "--loglevel=error"));
                cmd.addAll(PACKAGES);
                Result r = run(dir, cmd, 600);
                if (!r.valid()) {
                    fail("npm install " + PACKAGES + " failed in " + dir + ":\n" + r.output());
                }
            }
            Files.writeString(dir.resolve("validate.mjs"), SCRIPT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    /** Validates a JSON document with the validator of {@code kind} ({@code argo} or {@code asl}). */
    static Result validate(String kind, String json) {
        Path dir = dir();
        try {
            Path file = Files.createTempFile(dir, kind + "-", ".json");
            try {
                Files.writeString(file, json, StandardCharsets.UTF_8);
                return run(dir, List.of("node", "validate.mjs", kind, file.toString()), 120);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Result run(Path dir, List<String> cmd, int timeoutSeconds) {
        requireNode();
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", cmd) + " took more than " + timeoutSeconds + "s");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            return new Result(p.exitValue() == 0, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void requireNode() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() == 0) {
                return;
            }
        } catch (IOException e) {
            // below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail("node and npm are needed to validate the exported files with the platforms' own schemas, and `node` "
                + "does not run. Install them (apt-get install nodejs npm; .ci/run does so when node is missing).");
    }
}
