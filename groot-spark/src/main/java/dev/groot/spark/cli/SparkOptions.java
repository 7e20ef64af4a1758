package dev.groot.spark.cli;

import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Spark options every Spark-running subcommand mixes in. */
public final class SparkOptions {

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] or spark://host:7077 (default: the one spark-submit set, else "
                    + SparkSessions.DEFAULT_MASTER + ").")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Extra Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    public SparkSession session(String appName) {
        return SparkSessions.getOrCreate(appName, master, conf);
    }
}
