package dev.groot.spark.job;

import dev.groot.model.data.Candidate;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.spark.io.AtomicOutput;
import dev.groot.spark.store.CandidateRows;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.SmallFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The candidates of each iteration as Parquet under {@code iteration=N/candidates}. A write goes
 * to a temporary sibling directory and is renamed into place when complete, so the directory
 * either holds every row of the iteration or does not exist; a rerun replaces a leftover whole.
 */
final class CandidateStore {

    private final SparkSession spark;
    private final RunLayout layout;
    private final String runId;
    private final Configuration conf;

    CandidateStore(SparkSession spark, RunLayout layout, String runId) {
        this.spark = spark;
        this.layout = layout;
        this.runId = runId;
        this.conf = spark.sparkContext().hadoopConfiguration();
    }

    boolean isCommitted(int iteration) {
        return SmallFiles.exists(new Path(layout.candidates(iteration), "_SUCCESS"), conf);
    }

    long count(int iteration) {
        return spark.read().parquet(layout.candidates(iteration).toString()).count();
    }

    void write(int iteration, JavaRDD<Candidate> candidates, FaultPoints faults) {
        String id = runId;
        JavaRDD<Row> rows = candidates.map(c -> CandidateRows.toRow(id, iteration, c));
        Path dest = layout.candidates(iteration);
        try {
            AtomicOutput.commit(dest.getFileSystem(conf), dest, true, tmp -> {
                spark.createDataFrame(rows, CandidateRows.SCHEMA).write().mode(SaveMode.ErrorIfExists)
                        .parquet(tmp.toString());
                faults.maybeKill("during-write");
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("committing " + dest + ": " + e.getMessage(), e);
        }
    }

    /** What the update keeps of an iteration's candidates: rows, tokens and the share of the total |weight|. */
    record UpdateShare(long rows, long keptRows, long tokens, long keptTokens, double keptWeightShare) {
    }

    UpdateShare updateShare(int iteration, double minWeight) {
        Column tokens = size(col("tags")).cast("long");
        Column weight = abs(col("weight"));
        // sums over no rows are null: coalesce to 0
        Row r = spark.read().parquet(layout.candidates(iteration).toString())
                .agg(functions.count(lit(1)), coalesce(sum(when(kept(minWeight), 1L).otherwise(0L)), lit(0L)),
                        coalesce(sum(tokens), lit(0L)), coalesce(sum(when(kept(minWeight), tokens).otherwise(0L)), lit(0L)),
                        coalesce(sum(weight), lit(0.0)), coalesce(sum(when(kept(minWeight), weight).otherwise(0.0)), lit(0.0)))
                .first();
        double total = r.getDouble(4);
        return new UpdateShare(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3),
                total == 0 ? 1.0 : r.getDouble(5) / total);
    }

    private static Column kept(double minWeight) {
        return minWeight > 0 ? abs(col("weight")).geq(minWeight) : col("weight").notEqual(0.0);
    }

    /**
     * The update's training rows: stored candidates joined with their sentences, in a layout that
     * depends only on the data and the partition count (hash of example id, sorted by id, rank).
     * Zero-weight candidates contribute no gradient and are left out, and so are those with
     * |weight| below {@code minWeight} (see {@link #updateShare}).
     */
    JavaRDD<WeightedSequence> weightedRows(int iteration, Dataset<Row> examples, int partitions, double minWeight) {
        Dataset<Row> cands = spark.read().parquet(layout.candidates(iteration).toString())
                .where(kept(minWeight));
        Dataset<Row> joined = cands.join(examples.select(col("id").as("example_id"), col("tokens")), "example_id")
                .repartition(partitions, col("example_id"))
                .sortWithinPartitions(col("example_id"), col("rank"));
        return joined.javaRDD().map(r -> {
            List<String> tokens = r.getList(r.fieldIndex("tokens"));
            List<String> tags = r.getList(r.fieldIndex("tags"));
            return new WeightedSequence(tokens, tags, r.<Double>getAs("weight"));
        });
    }
}
