package dev.groot.spark.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything deploy/ names must exist: classes on the classpath, the jar and classpath files
 * the build produces, scripts (present, executable, valid bash), and the Java 17 flags must
 * be the pom's. The submit wrapper is checked in dry-run mode for every environment file.
 */
class DeployPathsTest {

    private static final Pattern CLASS_NAME =
            Pattern.compile("\\b(?:dev|org|com)(?:\\.[a-z][a-z0-9_]*)+\\.[A-Z][A-Za-z0-9_]*\\b");
    private static final Pattern DEPLOY_PATH =
            Pattern.compile("(?:\\bdeploy|\\$GROOT_DEPLOY_DIR)/((?:bin|lib|conf|schedule)/[A-Za-z0-9_.@-]+|local-cluster)");
    private static final Pattern SHELL_VAR = Pattern.compile("^([A-Z_]+)=\"?([^\"\\n]*)\"?$", Pattern.MULTILINE);
    private static final String MAIN_CLASS = "dev.groot.spark.cli.GrootCli";
    private static final Path DEPLOY = ProjectPaths.deploy();

    @TempDir
    Path tmp;

    @Test
    void everyClassNamedInDeployIsOnTheClasspath() throws IOException {
        Set<String> named = new TreeSet<>();
        for (Path f : deployFiles()) {
            Matcher m = CLASS_NAME.matcher(Files.readString(f));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertTrue(named.containsAll(List.of(MAIN_CLASS, "org.apache.spark.deploy.SparkSubmit",
                "org.apache.spark.deploy.master.Master", "org.apache.spark.deploy.worker.Worker")), named.toString());
        List<String> missing = new ArrayList<>();
        for (String name : named) {
            try {
                Class.forName(name, false, getClass().getClassLoader());
            } catch (ClassNotFoundException e) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "classes named in deploy/ that do not exist");
    }

    @Test
    void everyScriptReferencedExistsAndEntryPointsAreExecutable() throws IOException {
        Set<String> referenced = new TreeSet<>();
        for (Path f : deployFiles()) {
            Matcher m = DEPLOY_PATH.matcher(Files.readString(f));
            while (m.find()) {
                referenced.add(m.group(1));
            }
        }
        assertTrue(referenced.containsAll(List.of("bin/submit", "bin/retrain", "local-cluster")), referenced.toString());
        for (String r : referenced) {
            assertTrue(Files.exists(DEPLOY.resolve(r)), "deploy/" + r + " is referenced but missing");
        }
        for (Path script : entryScripts()) {
            assertTrue(Files.isExecutable(script), script + " is not executable");
            assertTrue(Files.readString(script).startsWith("#!/usr/bin/env bash\n"), script + ": no bash shebang");
        }
    }

    @Test
    void everyShellFileParses() throws IOException {
        List<Path> shell = new ArrayList<>(entryScripts());
        shell.addAll(filesIn("lib", ".sh"));
        shell.addAll(filesIn("conf", ".env"));
        assertTrue(shell.size() >= 9, shell.toString());
        for (Path f : shell) {
            ScriptRunner.run(List.of("bash", "-n", f.toString()), Map.of(), tmp.resolve("bash-n.log"), Duration.ofSeconds(20))
                    .requireSuccess();
        }
    }

    @Test
    void jarClasspathAndMainClassAreWhatTheBuildProduces() throws IOException {
        String common = Files.readString(DEPLOY.resolve("lib/common.sh"));
        Map<String, String> vars = vars(common);
        assertEquals(ProjectPaths.version(), vars.get("GROOT_VERSION_DEFAULT"), "lib/common.sh version vs pom.xml");
        assertEquals(MAIN_CLASS, vars.get("GROOT_MAIN_CLASS_DEFAULT"));
        assertTrue(vars.get("GROOT_JOB_JAR_DEFAULT").endsWith(
                "/groot-spark/target/groot-spark-${GROOT_VERSION:-$GROOT_VERSION_DEFAULT}-job.jar"), common);
        assertTrue(vars.get("GROOT_CLASSPATH_FILE_DEFAULT").endsWith("/groot-spark/target/launcher-classpath.txt"));

        String pom = Files.readString(ProjectPaths.root().resolve("groot-spark/pom.xml"));
        assertTrue(pom.contains("<artifactId>groot-spark</artifactId>"), "the job jar is groot-spark's");
        assertTrue(pom.contains("<shadedClassifierName>job</shadedClassifierName>"), "shade classifier 'job'");
        assertTrue(pom.contains("<mainClass>" + MAIN_CLASS + "</mainClass>"), "shade main class");
        assertTrue(pom.contains("${project.build.directory}/launcher-classpath.txt"), "launcher classpath file");
        for (Path env : filesIn("conf", ".env")) {
            assertTrue(Files.readString(env).contains("MAIN_CLASS=\"${MAIN_CLASS:-" + MAIN_CLASS + "}\""), env.toString());
        }
    }

    @Test
    void java17FlagsAreThePoms() throws IOException {
        Matcher m = Pattern.compile("<java17.opens>([^<]+)</java17.opens>")
                .matcher(Files.readString(ProjectPaths.root().resolve("pom.xml")));
        assertTrue(m.find(), "pom.xml has no java17.opens property");
        List<String> pomFlags = Arrays.asList(m.group(1).trim().split("\\s+"));
        List<String> deployFlags = Files.readAllLines(DEPLOY.resolve("conf/java17.opts")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(pomFlags, deployFlags, "deploy/conf/java17.opts vs the parent pom");
        String defaults = Files.readString(DEPLOY.resolve("conf/spark-defaults.conf.template"));
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            Matcher line = Pattern.compile("^" + Pattern.quote(key) + "\\s+(.+)$", Pattern.MULTILINE).matcher(defaults);
            assertTrue(line.find(), key + " missing from spark-defaults.conf.template");
            assertEquals(pomFlags, Arrays.asList(line.group(1).trim().split("\\s+")), key);
        }
    }

    @Test
    void submitPassesFlagsToDriverAndExecutorsForEveryEnvironment() throws IOException {
        Path jar = Files.writeString(tmp.resolve("job.jar"), "");
        for (String env : List.of("local-cluster", "yarn", "k8s")) {
            String cmd = dryRun(Map.of("SPARK_MASTER", env.equals("local-cluster") ? "spark://127.0.0.1:7077" : "",
                    "JOB_JAR", env.equals("k8s") ? "" : jar.toString()), "bin/submit", env, "ingest", "--format", "brown");
            assertTrue(cmd.contains(" org.apache.spark.deploy.SparkSubmit "), cmd);
            assertTrue(cmd.contains("--class " + MAIN_CLASS), cmd);
            assertTrue(cmd.contains("spark.executorEnv.OMP_NUM_THREADS=1"), cmd);
            assertTrue(cmd.contains("spark.executor.extraJavaOptions=-XX:+IgnoreUnrecognizedVMOptions"), cmd);
            assertTrue(cmd.endsWith(" ingest --format brown"), cmd);
            // No spark-submit installed: the driver is this java process, so the flags are on it.
            assertTrue(cmd.matches("^\\S*java -Xmx\\S+ -XX:\\+IgnoreUnrecognizedVMOptions .*--add-opens=java.base/sun.nio.ch=ALL-UNNAMED .*"), cmd);
        }
        String yarn = dryRun(Map.of("JOB_JAR", jar.toString()), "bin/submit", "yarn", "train");
        assertTrue(yarn.contains("--master yarn --deploy-mode cluster") && yarn.contains("--num-executors 8"), yarn);
        String standalone = dryRun(Map.of("SPARK_MASTER", "spark://127.0.0.1:7077", "JOB_JAR", jar.toString()),
                "bin/submit", "local-cluster", "train");
        assertTrue(standalone.contains("--total-executor-cores 2") && !standalone.contains("--num-executors"), standalone);
        assertTrue(standalone.contains(" " + jar + " train"), standalone);

        Path spark = tmp.resolve("spark-home/jars");
        assertTrue(Files.isSymbolicLink(spark.resolve("spark-core_2.12-3.5.9.jar")), "Spark jars linked into SPARK_HOME");
        try (Stream<Path> jars = Files.list(spark)) {
            assertFalse(jars.anyMatch(j -> j.getFileName().toString().startsWith("nd4j-")),
                    "application jars stay out of SPARK_HOME/jars: they travel in the job jar");
        }
    }

    @Test
    void gpuVariantSubmitsTheCudaJarWithExecutorGpus() throws IOException {
        Path gpuJar = Files.writeString(tmp.resolve("groot-spark-cuda-job.jar"), "");
        String cmd = dryRun(Map.of("GPU_JOB_JAR", gpuJar.toString(), "GPU_DISCOVERY_SCRIPT", "/opt/gpus.sh"),
                "bin/submit-gpu", "yarn", "train");
        assertTrue(cmd.contains(" " + gpuJar + " train"), cmd);
        assertTrue(cmd.contains("spark.executor.resource.gpu.amount=1"), cmd);
        assertTrue(cmd.contains("spark.task.resource.gpu.amount=1"), cmd);
        assertTrue(cmd.contains("spark.executor.resource.gpu.discoveryScript=/opt/gpus.sh"), cmd);
    }

    @Test
    void retrainSubmitsGrootRetrainAndSkipsWhileAnotherRunHoldsTheLock() throws Exception {
        Path jar = Files.writeString(tmp.resolve("job.jar"), "");
        Map<String, String> env = Map.of("JOB_JAR", jar.toString(), "RETRAIN_LOG_DIR", tmp.resolve("logs").toString(),
                "RETRAIN_ARGS", "--config /etc/groot/retrain.conf --keep 3");
        String cmd = dryRun(env, "bin/retrain", "--dry-run", "yarn");
        assertTrue(cmd.endsWith(" " + jar + " retrain --config /etc/groot/retrain.conf --keep 3"), cmd);

        Path lock = tmp.resolve("logs/retrain.lock");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "30").start();
        try {
            // The holder needs a moment to take the lock.
            waitUntil(() -> dryRunResult(env, "bin/retrain", "--dry-run", "yarn").exitCode() == 75);
            ScriptRunner.Result skipped = dryRunResult(env, "bin/retrain", "--dry-run", "yarn");
            assertEquals(75, skipped.exitCode(), skipped.output());
            assertFalse(skipped.output().contains("SparkSubmit"), "nothing was submitted: " + skipped.output());
            assertTrue(skipped.output().contains("another retrain holds " + lock), skipped.output());
        } finally {
            holder.destroy();
            holder.waitFor();
        }
    }

    @Test
    void localClusterRejectsBadArgumentsAndReportsWhenStopped() {
        Map<String, String> env = Map.of("GROOT_CLUSTER_STATE", tmp.resolve("state").toString());
        ScriptRunner.Result bad = run(env, "local-cluster", "start", "two");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.output().contains("unknown option 'two'"), bad.output());
        ScriptRunner.Result badCores = run(env, "local-cluster", "start", "2", "--cores", "0");
        assertTrue(badCores.output().contains("--cores must be a positive integer, got '0'"), badCores.output());
        ScriptRunner.Result status = run(env, "local-cluster", "status");
        assertEquals(3, status.exitCode());
        assertTrue(status.output().contains("not running"), status.output());
        assertEquals(0, run(env, "local-cluster", "stop").exitCode(), "stop is idempotent");
    }

    // --- helpers ---

    private String dryRun(Map<String, String> env, String script, String... args) {
        ScriptRunner.Result r = dryRunResult(env, script, args).requireSuccess();
        List<String> lines = r.output().lines().filter(l -> l.contains("SparkSubmit")).toList();
        assertEquals(1, lines.size(), r.output());
        return lines.get(0).trim().replace("\\ ", " ");
    }

    private ScriptRunner.Result dryRunResult(Map<String, String> env, String script, String... args) {
        List<String> all = new ArrayList<>();
        if (script.equals("bin/submit") || script.equals("bin/submit-gpu")) {
            all.add("--dry-run");
        }
        all.addAll(List.of(args));
        Map<String, String> full = new java.util.HashMap<>(env);
        full.values().removeIf(String::isEmpty);
        full.putIfAbsent("GROOT_CLASSPATH_FILE", classpathFile().toString());
        full.putIfAbsent("GROOT_SPARK_HOME", tmp.resolve("spark-home").toString());
        return run(full, script, all.toArray(String[]::new));
    }

    private ScriptRunner.Result run(Map<String, String> env, String script, String... args) {
        List<String> cmd = new ArrayList<>(List.of(DEPLOY.resolve(script).toString()));
        cmd.addAll(List.of(args));
        return ScriptRunner.run(cmd, env, tmp.resolve("run-" + System.nanoTime() + ".log"), Duration.ofSeconds(60));
    }

    /** This test JVM's classpath stands in for the launcher classpath (it has the Spark jars too). */
    private Path classpathFile() {
        Path f = tmp.resolve("classpath.txt");
        try {
            if (!Files.exists(f)) {
                Files.writeString(f, System.getProperty("java.class.path"));
            }
            return f;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in 20 s");
            Thread.sleep(100);
        }
    }

    private static Map<String, String> vars(String shell) {
        Map<String, String> vars = new java.util.HashMap<>();
        Matcher m = SHELL_VAR.matcher(shell);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        return vars;
    }

    private static List<Path> entryScripts() throws IOException {
        List<Path> scripts = new ArrayList<>(filesIn("bin", ""));
        scripts.add(DEPLOY.resolve("local-cluster"));
        return scripts;
    }

    private static List<Path> filesIn(String dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(DEPLOY.resolve(dir))) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<Path> deployFiles() throws IOException {
        try (Stream<Path> s = Files.walk(DEPLOY)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
