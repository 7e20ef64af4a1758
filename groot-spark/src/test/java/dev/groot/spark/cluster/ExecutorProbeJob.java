package dev.groot.spark.cluster;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A tiny Spark job for the cluster test: reads text lines, spreads them over N partitions
 * and writes one line per partition with the id of the executor that processed it and its
 * line and token counts. Submitted in its own jar (see {@link ClassJar}).
 * Usage: {@code ExecutorProbeJob <input> <output> <partitions>}.
 */
public final class ExecutorProbeJob {

    private ExecutorProbeJob() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ExecutorProbeJob <input> <output> <partitions>, got "
                    + List.of(args));
        }
        int partitions = Integer.parseInt(args[2]);
        try (JavaSparkContext jsc = new JavaSparkContext(new SparkConf().setAppName("executor-probe"))) {
            jsc.textFile(args[0]).repartition(partitions)
                    .mapPartitions(ExecutorProbeJob::describe)
                    .saveAsTextFile(args[1]);
        }
    }

    /** "executorId \t lines \t tokens" for one partition. */
    static Iterator<String> describe(Iterator<String> lines) throws InterruptedException {
        long count = 0;
        long tokens = 0;
        while (lines.hasNext()) {
            String line = lines.next().trim();
            count++;
            tokens += line.isEmpty() ? 0 : line.split("\\s+").length;
        }
        // Long enough that one executor cannot drain the whole queue alone.
        Thread.sleep(300);
        return List.of(SparkEnv.get().executorId() + "\t" + count + "\t" + tokens).iterator();
    }
}
