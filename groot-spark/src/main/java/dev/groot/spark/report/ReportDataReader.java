package dev.groot.spark.report;

import dev.groot.model.reward.Rewards;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.MetricRow;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

/**
 * Reads a run directory into {@link ReportData}: the newest valid manifest (which iterations
 * exist), the dev metric Parquet and an aggregate of the candidate Parquet. Only committed
 * iterations are read, so a half-written iteration of a running job never shows up.
 */
public final class ReportDataReader {

    private ReportDataReader() {
    }

    public static ReportData read(SparkSession spark, String run) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        RunLayout layout = new RunLayout(run);
        if (!SmallFiles.exists(layout.root(), conf)) {
            throw new IllegalArgumentException(run + ": no such run directory");
        }
        RunManifest manifest = RunManifests.latest(layout, conf).orElseThrow(() -> new IllegalArgumentException(
                run + " is not a groot run directory: no valid run manifest under " + layout.manifests()));
        if (manifest.iterations().isEmpty()) {
            throw new IllegalArgumentException(run + ": the run has no committed iteration yet");
        }
        List<String> metricPaths = new ArrayList<>();
        List<String> candidatePaths = new ArrayList<>();
        for (IterationRecord r : manifest.iterations()) {
            Path metrics = layout.metrics(r.iteration());
            if (!SmallFiles.exists(metrics, conf)) {
                throw new IllegalArgumentException(run + ": iteration " + r.iteration()
                        + " is committed but its metrics are missing (" + metrics + ")");
            }
            metricPaths.add(metrics.toString());
            if (SmallFiles.exists(new Path(layout.candidates(r.iteration()), "_SUCCESS"), conf)) {
                candidatePaths.add(layout.candidates(r.iteration()).toString());
            }
        }
        return new ReportData(run, manifest.runId(), manifest.createdAt(), manifest.bestIteration(),
                selectionReward(manifest), manifest.options(), manifest.iterations(),
                metrics(spark, metricPaths), origins(spark, candidatePaths), calibration(spark, candidatePaths));
    }

    /** The metric-name form of the optimised reward (e.g. span-fbeta:beta=1 -> span-fbeta:beta=1.0). */
    static String selectionReward(RunManifest manifest) {
        String spec = manifest.options().get("reward");
        if (spec == null) {
            return "";
        }
        try {
            return Rewards.parse(spec).name();
        } catch (RuntimeException e) {
            // A custom reward class that is not on this classpath: its spec is the best name there is.
            return spec;
        }
    }

    private static List<MetricRow> metrics(SparkSession spark, List<String> paths) {
        Dataset<Row> df = spark.read().parquet(paths.toArray(new String[0])).where(col("split").equalTo("dev"));
        List<MetricRow> rows = new ArrayList<>();
        for (Row r : df.collectAsList()) {
            Object k = r.getAs("k");
            rows.add(new MetricRow(r.getAs("run_id"), r.<Integer>getAs("iteration"), r.getAs("split"),
                    r.getAs("metric"), k == null ? 1 : (Integer) k, r.<Double>getAs("value")));
        }
        rows.sort(Comparator.comparingInt(MetricRow::iteration).thenComparing(MetricRow::metric)
                .thenComparingInt(MetricRow::k));
        return rows;
    }

    /**
     * Reliability buckets of the beam candidates: log-probabilities renormalised over each
     * sentence's top-K (max-shifted softmax), 10 buckets of probability, mean reward per bucket.
     */
    private static List<ReportData.CalibrationBucket> calibration(SparkSession spark, List<String> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        WindowSpec sentence = Window.partitionBy(col("iteration"), col("example_id"));
        Dataset<Row> beam = spark.read().parquet(paths.toArray(new String[0])).where(col("origin").equalTo("BEAM"))
                .withColumn("w", exp(col("log_prob").minus(max(col("log_prob")).over(sentence))));
        Dataset<Row> prob = beam.withColumn("p", col("w").divide(sum(col("w")).over(sentence)))
                .withColumn("bucket", least(floor(col("p").multiply(10)).cast("int"), lit(9)));
        Dataset<Row> agg = prob.groupBy(col("iteration"), col("bucket"))
                .agg(count(col("p")).as("candidates"), avg(col("p")).as("mean_probability"),
                        avg(col("reward")).as("mean_reward"))
                .orderBy(col("iteration"), col("bucket"));
        List<ReportData.CalibrationBucket> out = new ArrayList<>();
        for (Row r : agg.collectAsList()) {
            out.add(new ReportData.CalibrationBucket(r.getInt(0), r.getInt(1), r.getLong(2), r.getDouble(3),
                    r.getDouble(4)));
        }
        return out;
    }

    private static List<ReportData.OriginStats> origins(SparkSession spark, List<String> paths) {
        if (paths.isEmpty()) {
            return List.of();
        }
        Dataset<Row> agg = spark.read().parquet(paths.toArray(new String[0]))
                .groupBy(col("iteration"), col("origin"))
                .agg(count(col("rank")).as("rows"), avg(col("reward")).as("mean_reward"),
                        avg(col("weight")).as("mean_weight"))
                .orderBy(col("iteration"), col("origin"));
        List<ReportData.OriginStats> out = new ArrayList<>();
        for (Row r : agg.collectAsList()) {
            out.add(new ReportData.OriginStats(r.getInt(0), r.getString(1), r.getLong(2), r.getDouble(3),
                    r.getDouble(4)));
        }
        return out;
    }
}
