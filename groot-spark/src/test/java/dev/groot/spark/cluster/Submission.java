package dev.groot.spark.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One spark-submit of the job jar: the groot subcommand (or another main class) and its
 * arguments, extra jars and Spark properties. Defaults: {@code GrootCli} in the shaded job jar.
 */
public final class Submission {

    private final List<String> args;
    private String mainClass = "dev.groot.spark.cli.GrootCli";
    private Path jobJar = ProjectPaths.jobJar();
    private final List<Path> extraJars = new ArrayList<>();
    private final Map<String, String> conf = new LinkedHashMap<>();
    private Duration timeout = Duration.ofMinutes(10);

    private Submission(List<String> args) {
        this.args = List.copyOf(args);
    }

    /** A run of {@code groot <args...>}, e.g. {@code of("train", "--run", "hdfs://...")}. */
    public static Submission of(String... args) {
        return new Submission(List.of(args));
    }

    public Submission mainClass(String name) {
        this.mainClass = name;
        return this;
    }

    public Submission jobJar(Path jar) {
        this.jobJar = jar;
        return this;
    }

    public Submission extraJar(Path jar) {
        extraJars.add(jar);
        return this;
    }

    public Submission conf(String key, String value) {
        conf.put(key, value);
        return this;
    }

    public Submission timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    List<String> args() {
        return args;
    }

    String mainClass() {
        return mainClass;
    }

    Path jobJar() {
        return jobJar;
    }

    List<Path> extraJars() {
        return extraJars;
    }

    Map<String, String> conf() {
        return conf;
    }

    Duration timeout() {
        return timeout;
    }
}
