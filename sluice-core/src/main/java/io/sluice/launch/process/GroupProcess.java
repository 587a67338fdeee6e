package io.sluice.launch.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * One group's child process: started with its output (standard output and error together)
 * copied line by line to the launch's output, each line prefixed with the group id; when the
 * output ends and the process has exited, its exit code is put on the launch's queue.
 */
final class GroupProcess {
    final String group;
    private final Process process;

    private GroupProcess(String group, Process process) {
        this.group = group;
        this.process = process;
    }

    /** The exit of a group's process. */
    record Exit(String group, int code) {
    }

    static GroupProcess start(String group, List<String> command, java.nio.file.Path workDir, PrintWriter out,
                              BlockingQueue<Exit> exits) throws IOException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        GroupProcess gp = new GroupProcess(group, p);
        Thread pump = new Thread(() -> gp.pump(out, exits), "sluice-group-" + group);
        pump.setDaemon(true);
        pump.start();
        return gp;
    }

    private void pump(PrintWriter out, BlockingQueue<Exit> exits) {
        int code;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                synchronized (out) {
                    out.println("[" + group + "] " + line);
                    out.flush();
                }
            }
        } catch (IOException e) {
            synchronized (out) {
                out.println("[" + group + "] (output lost: " + e + ")");
                out.flush();
            }
        }
        try {
            code = process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        exits.add(new Exit(group, code));
    }

    /** Asks the process and its children to end (SIGTERM). */
    void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** Kills the process and its children (SIGKILL). */
    void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    boolean alive() {
        return process.isAlive();
    }
}
