package dev.groot.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a deploy script or command with a timeout; output goes to a log file. */
final class ScriptRunner {

    private ScriptRunner() {
    }

    /** Outcome of one command: exit code and the log it wrote. */
    record Result(List<String> command, int exitCode, Path log) {

        String output() {
            return ProjectPaths.read(log);
        }

        /** The last lines of the log, for failure messages. */
        String tail(int lines) {
            List<String> all = output().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }

        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", command) + " exited with " + exitCode
                        + " (log " + log + "):\n" + tail(60));
            }
            return this;
        }
    }

    static Result run(List<String> command, Map<String, String> env, Path log, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(ProjectPaths.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = pb.environment();
        // Use this JVM's Java for every child, and never an installed Spark.
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.remove("SPARK_HOME");
        environment.put("OMP_NUM_THREADS", "1");
        environment.putAll(env);
        try {
            Files.createDirectories(log.getParent());
            Process process = pb.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " timed out after " + timeout
                        + " (log " + log + "):\n" + new Result(command, -1, log).tail(60));
            }
            return new Result(List.copyOf(command), process.exitValue(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
