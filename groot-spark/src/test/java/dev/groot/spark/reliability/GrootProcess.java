package dev.groot.spark.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code groot} as a real child JVM ({@code java -cp <this JVM's classpath> GrootCli ...}), so a
 * test can SIGKILL it. Stdout lines are collected as they arrive (fault-point markers included);
 * stderr goes to a file next to the run.
 */
final class GrootProcess implements AutoCloseable {

    static final String MARKER = "GROOT-FAULT-POINT ";

    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final Path stderr;
    private final Thread pump;

    private GrootProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (stdout) {
                        stdout.add(line);
                        stdout.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process died: what it printed so far stays in stdout
            }
        }, "groot-child-stdout");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code groot args...}. {@code properties} become {@code -Dk=v} flags of the child
     * (the fault hooks read theirs from there).
     */
    static GrootProcess start(Path workDir, List<String> args, Map<String, String> properties) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx1g");
        // The Java 17 opens Spark needs: the same ones surefire gave this JVM (parent pom).
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognizedVMOptions")
                    || arg.startsWith("-Djdk.reflect")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Dgroot.log.dir=" + workDir.resolve("logs"));
        properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.groot.spark.cli.GrootCli");
        cmd.addAll(args);
        try {
            Files.createDirectories(workDir.resolve("logs"));
            Path err = Files.createTempFile(workDir, "stderr-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("OMP_NUM_THREADS", "1");
            return new GrootProcess(pb.start(), err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start groot " + args, e);
        }
    }

    /** Runs to the end and returns the exit code. */
    int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("groot did not finish within " + timeout + "; stdout:\n" + stdout()
                        + "\nstderr:\n" + stderr());
            }
            pump.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Blocks until the child prints {@code GROOT-FAULT-POINT point}; fails if it exits first. */
    void awaitFaultPoint(String point, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String marker = MARKER + point;
        synchronized (stdout) {
            while (!stdout.contains(marker)) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !process.isAlive() && !pump.isAlive()) {
                    throw new AssertionError("groot never reached fault point " + point + " (alive="
                            + process.isAlive() + "); stdout:\n" + String.join("\n", stdout) + "\nstderr:\n" + stderr());
                }
                try {
                    stdout.wait(Math.min(left, 500));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** SIGKILL: no shutdown hooks, no finally blocks, the lock file stays behind. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError("groot pid " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long pid() {
        return process.pid();
    }

    String stdout() {
        synchronized (stdout) {
            return String.join("\n", stdout);
        }
    }

    String stderr() {
        try {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    /** The lines groot itself wrote to stderr (its one-line errors), without log4j's timestamped lines. */
    List<String> grootErrors() {
        return stderr().lines().filter(l -> l.startsWith("groot ")).toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
