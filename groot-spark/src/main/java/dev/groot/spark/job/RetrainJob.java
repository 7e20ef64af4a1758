package dev.groot.spark.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.groot.spark.io.AtomicOutput;
import dev.groot.spark.store.RunLock;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * {@code groot retrain}: scheduled retraining on a new corpus snapshot.
 * <pre>
 * HOME/_lock                     one retrain at a time (stale locks of dead processes are taken over)
 * HOME/production.json           the pointer: which model serves; replaced atomically on promotion
 * HOME/models/&lt;stamp&gt;.groot      promoted models, the newest --keep are kept
 * HOME/runs/&lt;stamp&gt;/             the GROOT run of each retrain
 * HOME/history/stamp=&lt;stamp&gt;/      one Parquet row per retrain (retrain_history schema)
 * </pre>
 * The candidate (the new run's best model) and the production model are evaluated on the same dev
 * split of the new snapshot; the candidate is promoted when its reward is at least production's.
 */
public final class RetrainJob {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    public static final StructType HISTORY_SCHEMA = new StructType()
            .add("time", DataTypes.StringType, false)
            .add("data", DataTypes.StringType, false)
            .add("data_hash", DataTypes.StringType, false)
            .add("reward", DataTypes.StringType, false)
            .add("production_before", DataTypes.StringType, true)
            .add("reward_before", DataTypes.DoubleType, true)
            .add("candidate_model", DataTypes.StringType, false)
            .add("reward_after", DataTypes.DoubleType, false)
            .add("promoted", DataTypes.BooleanType, false)
            .add("reason", DataTypes.StringType, false)
            .add("run", DataTypes.StringType, false);

    private RetrainJob() {
    }

    /** The outcome of one retrain. */
    public record Outcome(boolean promoted, String reason, Double rewardBefore, double rewardAfter,
                          String productionModel) {
    }

    public static Outcome run(SparkSession spark, String home, GrootRunConfig template, int keep,
                              Consumer<String> out) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path homePath = new Path(home);
        try (RunLock lock = RunLock.acquire(new Path(homePath, "_lock"), conf)) {
            Instant now = Instant.now();
            String stamp = STAMP.format(now);
            String production = currentProduction(homePath, conf);
            String run = new Path(new Path(homePath, "runs"), stamp).toString();
            out.accept("retrain " + stamp + ": data " + template.data() + ", production model "
                    + (production == null ? "(none yet)" : production));

            GrootRunConfig cfg = template.withRunAndInitModel(run, production != null ? production : template.initModel());
            RunManifest manifest = new GrootTrainJob(spark, cfg, out).run();
            String candidate = new Path(run, "best").toString();

            List<String> rewards = List.of(template.objective().rewardSpec());
            double after = rewardOf(EvaluateJob.run(spark, candidate, template.data(), "dev", 1, 1, rewards,
                    template.candidates().constrainBio(), null), template.objective().rewardSpec());
            Double before = null;
            if (production != null) {
                before = rewardOf(EvaluateJob.run(spark, production, template.data(), "dev", 1, 1, rewards,
                        template.candidates().constrainBio(), null), template.objective().rewardSpec());
            }
            boolean promote = before == null || after >= before;
            String reason = before == null ? "no production model yet"
                    : promote ? String.format("candidate %.4f >= production %.4f", after, before)
                    : String.format("candidate %.4f < production %.4f", after, before);
            String productionAfter = production;
            if (promote) {
                Path promoted = new Path(new Path(homePath, "models"), stamp + ".groot");
                SmallFiles.writeAtomically(promoted, SmallFiles.read(new Path(candidate), conf), conf);
                Map<String, Object> pointer = new LinkedHashMap<>();
                pointer.put("model", promoted.toString());
                pointer.put("promoted_at", now.toString());
                pointer.put("run", run);
                pointer.put("run_id", manifest.runId());
                pointer.put("dev_reward", after);
                SmallFiles.writeAtomically(new Path(homePath, "production.json"), JSON.writeValueAsBytes(pointer), conf);
                productionAfter = promoted.toString();
                pruneModels(homePath, keep, productionAfter, conf);
            }
            out.accept((promote ? "PROMOTED: " : "NOT promoted: ") + reason);
            appendHistory(spark, homePath, stamp, now, template, dataHash(spark, template.data()), production, before,
                    candidate, after, promote, reason, run);
            return new Outcome(promote, reason, before, after, productionAfter);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The production model path, or null when nothing was promoted yet. */
    public static String currentProduction(Path home, Configuration conf) {
        Path pointer = new Path(home, "production.json");
        if (!SmallFiles.exists(pointer, conf)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(SmallFiles.read(pointer, conf));
            return node.get("model").asText();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(pointer + " is damaged (" + e.getMessage()
                    + "); restore it or point it at a model under " + new Path(home, "models"), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static double rewardOf(Map<String, Object> evaluation, String reward) {
        Map<String, Double> top1 = (Map<String, Double>) evaluation.get("top1_reward");
        return top1.values().iterator().next();
    }

    private static void pruneModels(Path home, int keep, String production, Configuration conf) throws IOException {
        Path models = new Path(home, "models");
        FileSystem fs = models.getFileSystem(conf);
        FileStatus[] files = fs.listStatus(models, p -> p.getName().endsWith(".groot"));
        Arrays.sort(files, Comparator.comparing((FileStatus f) -> f.getPath().getName()).reversed());
        for (int i = keep; i < files.length; i++) {
            if (!files[i].getPath().toString().equals(production)) {
                fs.delete(files[i].getPath(), false);
            }
        }
    }

    static String dataHash(SparkSession spark, String data) {
        Row r = ExampleData.read(spark, data)
                .select(xxhash64(col("id"), concat_ws(" ", col("tokens")), concat_ws(" ", col("tags"))).as("h"))
                .agg(sum(col("h").cast("decimal(38,0)")), org.apache.spark.sql.functions.count(col("h"))).first();
        return r.get(0) + "/" + r.getLong(1);
    }

    private static void appendHistory(SparkSession spark, Path home, String stamp, Instant now, GrootRunConfig cfg,
                                      String dataHash, String before, Double rewardBefore, String candidate,
                                      double rewardAfter, boolean promoted, String reason, String run) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Row row = RowFactory.create(now.toString(), cfg.data(), dataHash, cfg.objective().rewardSpec(), before, rewardBefore,
                candidate, rewardAfter, promoted, reason, run);
        Path dest = new Path(new Path(home, "history"), "stamp=" + stamp);
        try {
            AtomicOutput.commit(dest.getFileSystem(conf), dest, false, tmp -> spark.createDataFrame(List.of(row),
                    HISTORY_SCHEMA).coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(tmp.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
