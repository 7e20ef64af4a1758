package dev.groot.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.groot.model.data.Origin;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;

/**
 * {@code groot inspect}: what a run stored, iteration by iteration, read back from the Parquet
 * itself (rows, distinct (example, rank) keys, origin mix, and per origin the summed contrastive
 * weight and mean reward) next to the committed metrics.
 */
public final class InspectJob {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private InspectJob() {
    }

    public static Map<String, Object> inspect(SparkSession spark, String run) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        RunLayout layout = new RunLayout(run);
        RunManifest manifest = RunManifests.latest(layout, conf).orElseThrow(() ->
                new IllegalArgumentException(run + " has no committed iteration (no valid manifest under "
                        + layout.manifests() + ")"));
        List<Object> iterations = new ArrayList<>();
        for (IterationRecord r : manifest.iterations()) {
            Map<String, Object> it = new LinkedHashMap<>();
            it.put("iteration", r.iteration());
            Path cands = layout.candidates(r.iteration());
            long rows = 0;
            long keys = 0;
            Map<String, Long> origins = new LinkedHashMap<>();
            Map<String, Object> weights = new LinkedHashMap<>();
            for (Origin origin : Origin.values()) {
                origins.put(origin.name(), 0L);
            }
            if (SmallFiles.exists(new Path(cands, "_SUCCESS"), conf)) {
                Dataset<Row> df = spark.read().parquet(cands.toString());
                Row agg = df.agg(count(col("rank")),
                        countDistinct(col("example_id"), col("rank"))).first();
                rows = agg.getLong(0);
                keys = agg.getLong(1);
                for (Row o : df.groupBy("origin").agg(count(col("rank")), sum(col("weight")), sum(abs(col("weight"))),
                        avg(col("reward"))).orderBy("origin").collectAsList()) {
                    origins.put(o.getString(0), o.getLong(1));
                    // what the update does with each origin: net and total weight, and how good they are
                    Map<String, Object> w = new LinkedHashMap<>();
                    w.put("weight_sum", o.getDouble(2));
                    w.put("abs_weight_sum", o.getDouble(3));
                    w.put("mean_reward", o.getDouble(4));
                    weights.put(o.getString(0), w);
                }
            }
            it.put("candidate_rows", rows);
            it.put("distinct_keys", keys);
            it.put("origins", origins);
            it.put("origin_weights", weights);
            it.put("metrics", r.devMetrics());
            it.put("dev_reward", r.devReward());
            it.put("seconds", r.seconds());
            it.put("best", r.iteration() == manifest.bestIteration());
            iterations.add(it);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run_id", manifest.runId());
        root.put("best_iteration", manifest.bestIteration());
        root.put("iterations", iterations);
        return root;
    }

    public static String toJson(Map<String, Object> inspected) {
        try {
            return JSON.writeValueAsString(inspected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static String toTable(Map<String, Object> inspected) {
        StringBuilder sb = new StringBuilder();
        sb.append("run ").append(inspected.get("run_id")).append(", best iteration ")
                .append(inspected.get("best_iteration")).append('\n');
        sb.append(String.format("%-5s %12s %12s %10s %10s %8s %10s %10s%n", "iter", "rows", "keys", "BEAM", "CORRECTED",
                "GOLD", "HELD_OUT", "dev"));
        for (Object o : (List<Object>) inspected.get("iterations")) {
            Map<String, Object> it = (Map<String, Object>) o;
            Map<String, Long> origins = (Map<String, Long>) it.get("origins");
            sb.append(String.format("%-5s %12d %12d %10d %10d %8d %10d %10.4f%n",
                    it.get("iteration") + (Boolean.TRUE.equals(it.get("best")) ? "*" : ""),
                    (Long) it.get("candidate_rows"), (Long) it.get("distinct_keys"), origins.get("BEAM"),
                    origins.get("CORRECTED"), origins.get("GOLD"), origins.get("HELD_OUT"),
                    (Double) it.get("dev_reward")));
        }
        return sb.toString();
    }
}
