package dev.groot.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A Spark standalone cluster on 127.0.0.1 run by {@code deploy/local-cluster}, and job
 * submission through {@code deploy/bin/submit local-cluster} (no Spark installed, so the
 * script runs {@code org.apache.spark.deploy.SparkSubmit} itself). Every submission writes a
 * Spark event log, read back with {@link EventLogTasks}. {@link #close()} stops all daemons
 * and their executors; a shutdown hook does it too if the test JVM exits early.
 */
public final class ClusterHarness implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Path state;
    private final String masterUrl;
    private final Thread shutdownHook;
    private final AtomicInteger submissions = new AtomicInteger();
    private boolean closed;

    private ClusterHarness(Path state, String masterUrl) {
        this.state = state;
        this.masterUrl = masterUrl;
        this.shutdownHook = new Thread(this::stopQuietly, "local-cluster-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a master and {@code workers} workers with the given cores and memory each. */
    public static ClusterHarness start(Path state, int workers, int cores, String memory) {
        Path classpath = ProjectPaths.launcherClasspath();
        if (!Files.isRegularFile(classpath)) {
            throw new IllegalStateException(classpath + " is missing: run the package phase first (mvn verify)");
        }
        ScriptRunner.Result started = ScriptRunner.run(
                List.of(script("local-cluster").toString(), "start", String.valueOf(workers),
                        "--cores", String.valueOf(cores), "--memory", memory),
                env(state), state.resolve("local-cluster-start.log"), START_TIMEOUT);
        if (started.exitCode() != 0) {
            ScriptRunner.run(List.of(script("local-cluster").toString(), "stop"), env(state),
                    state.resolve("local-cluster-stop.log"), Duration.ofMinutes(1));
            started.requireSuccess();
        }
        String url = ProjectPaths.read(state.resolve("master-url")).trim();
        if (!url.startsWith("spark://127.0.0.1:")) {
            throw new IllegalStateException(state.resolve("master-url") + ": unexpected master URL '" + url + "'");
        }
        return new ClusterHarness(state, url);
    }

    public String masterUrl() {
        return masterUrl;
    }

    public Path stateDir() {
        return state;
    }

    /** The folder of the event logs of every submission (one file per application). */
    public Path eventLogDir() {
        return state.resolve("events");
    }

    /** The master's JSON status page (workers, running and completed applications). */
    public String masterJson() {
        String ui = ProjectPaths.read(state.resolve("master-ui")).trim();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ui + "/json/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ui + "/json/", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Submits through {@code deploy/bin/submit local-cluster} and waits for the driver to end.
     * The returned result holds the exit code, the log and the application's event log.
     */
    public SubmitResult submit(Submission s) {
        int n = submissions.incrementAndGet();
        Map<String, String> env = env(state);
        env.put("SPARK_MASTER", masterUrl);
        env.put("JOB_JAR", s.jobJar().toString());
        env.put("MAIN_CLASS", s.mainClass());
        env.put("SPARK_EVENT_LOG_DIR", eventLogDir().toUri().toString());
        if (!s.extraJars().isEmpty()) {
            env.put("EXTRA_JARS", s.extraJars().stream().map(Path::toString).collect(Collectors.joining(",")));
        }
        Map<String, String> conf = new HashMap<>(s.conf());
        // Wait for every executor before the first task, so all of them get work.
        conf.putIfAbsent("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        conf.putIfAbsent("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
        env.put("GROOT_SPARK_CONF", conf.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")));
        List<String> command = new ArrayList<>(List.of(script("bin/submit").toString(), "local-cluster"));
        command.addAll(s.args());
        try {
            Files.createDirectories(eventLogDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + eventLogDir(), e);
        }
        long since = System.currentTimeMillis();
        ScriptRunner.Result result = ScriptRunner.run(command, env,
                state.resolve("submit-" + n + ".log"), s.timeout());
        return new SubmitResult(result, EventLogTasks.newest(eventLogDir(), since));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run; nothing left to do
        }
    }

    private synchronized void stopQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        ScriptRunner.run(List.of(script("local-cluster").toString(), "stop"), env(state),
                state.resolve("local-cluster-stop.log"), Duration.ofMinutes(1));
    }

    private static Path script(String name) {
        return ProjectPaths.deploy().resolve(name);
    }

    private static Map<String, String> env(Path state) {
        Map<String, String> env = new HashMap<>();
        env.put("GROOT_CLUSTER_STATE", state.toString());
        env.put("GROOT_CLASSPATH_FILE", ProjectPaths.launcherClasspath().toString());
        // Submit reuses the cluster's generated SPARK_HOME: the same Spark jars as the workers.
        env.put("GROOT_SPARK_HOME", state.resolve("spark-home").toString());
        return env;
    }
}
