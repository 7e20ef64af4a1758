package dev.groot.spark;

import dev.groot.spark.cli.SparkSessions;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.Map;

/** One local[2] SparkSession shared by every test of the JVM (starting one costs seconds). */
public final class SparkTestSession {

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        return SparkSessions.getOrCreate("groot-test", "local[2]", Map.of("spark.sql.shuffle.partitions", "4"));
    }

    /** The repository's data/sample folder (tests run with the module as working directory). */
    public static Path sample(String sub) {
        return Path.of("..", "data", "sample", sub).toAbsolutePath().normalize();
    }
}
