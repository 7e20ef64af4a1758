package dev.groot.spark.cli;

import dev.groot.spark.io.GrootKryoRegistrator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

import java.util.Map;

/**
 * Builds the SparkSession every command uses. Under spark-submit the master and the user's
 * settings are already in the SparkConf and win; {@code --master} (default {@code local[*]})
 * applies only when nothing set one. Kryo is on, with ND4J arrays registered.
 */
public final class SparkSessions {

    public static final String DEFAULT_MASTER = "local[*]";

    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName, String master, Map<String, String> settings) {
        return SparkSession.builder().config(conf(appName, master, settings)).getOrCreate();
    }

    static SparkConf conf(String appName, String master, Map<String, String> settings) {
        SparkConf conf = new SparkConf(); // picks up spark.* system properties, as spark-submit sets them
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster(DEFAULT_MASTER);
        }
        conf.setIfMissing("spark.app.name", appName);
        settings.forEach(conf::set);
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", GrootKryoRegistrator.class.getName());
        if (conf.get("spark.master").startsWith("local")) {
            // An embedded run on a laptop: no web UI, few shuffle partitions for small data.
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        }
        return conf;
    }
}
