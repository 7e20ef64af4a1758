package dev.groot.spark.store;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.engine.FaultHook;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.objective.CreditRule;
import dev.groot.model.update.SentenceGroup;
import dev.groot.spark.io.AtomicOutput;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
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
 * Also turns stored candidates into the update's training rows.
 */
public final class CandidateStore {

    private static final StructType TOKENS = new StructType()
            .add("example_id", DataTypes.StringType, false)
            .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
            .add("gold_tags", DataTypes.createArrayType(DataTypes.StringType, false), false);

    private final SparkSession spark;
    private final RunLayout layout;
    private final String runId;
    private final Configuration conf;

    public CandidateStore(SparkSession spark, RunLayout layout, String runId) {
        this.spark = spark;
        this.layout = layout;
        this.runId = runId;
        this.conf = spark.sparkContext().hadoopConfiguration();
    }

    public boolean isCommitted(int iteration) {
        return SmallFiles.exists(new Path(layout.candidates(iteration), "_SUCCESS"), conf);
    }

    public long count(int iteration) {
        return read(iteration).count();
    }

    public Dataset<Row> read(int iteration) {
        return spark.read().parquet(layout.candidates(iteration).toString());
    }

    /** @param faults reaches {@code during-write} after the rows are written, before they are committed */
    public void write(int iteration, JavaRDD<Candidate> candidates, FaultHook faults) {
        String id = runId;
        JavaRDD<Row> rows = candidates.map(c -> CandidateRows.toRow(id, iteration, c));
        Path dest = layout.candidates(iteration);
        try {
            AtomicOutput.commit(dest.getFileSystem(conf), dest, true, tmp -> {
                spark.createDataFrame(rows, CandidateRows.SCHEMA).write().mode(SaveMode.ErrorIfExists)
                        .parquet(tmp.toString());
                faults.reached("during-write");
            });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("committing " + dest + ": " + e.getMessage(), e);
        }
    }

    /** What the update keeps of an iteration's candidates: rows, tokens and the share of the total |weight|. */
    public record UpdateShare(long rows, long keptRows, long tokens, long keptTokens, double keptWeightShare) {
        public long leftOutRows() {
            return rows - keptRows;
        }
    }

    /** One aggregate over the stored candidates of an iteration. */
    public static UpdateShare updateShare(Dataset<Row> candidates, double minWeight) {
        Column tokens = size(col("tags")).cast("long");
        Column weight = abs(col("weight"));
        // sums over no rows are null: coalesce to 0
        Row r = candidates
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

    /** (example_id, tokens, gold_tags) of the (persisted) training examples, for {@link #weightedRows}. */
    public static Dataset<Row> tokens(SparkSession spark, JavaRDD<Example> train) {
        return spark.createDataFrame(train.map(e -> RowFactory.create(e.id(), e.tokens().toArray(new String[0]),
                e.tags().toArray(new String[0]))), TOKENS);
    }

    /**
     * The update's training rows: stored candidates joined with their sentences' tokens, in a
     * layout that depends only on the data and the partition count (hash of example id, sorted by
     * id, rank). Zero-weight candidates contribute no gradient and are left out, and so are those
     * with |weight| below {@code minWeight} (see {@link #updateShare}).
     */
    public static JavaRDD<WeightedSequence> weightedRows(Dataset<Row> candidates, Dataset<Row> tokens, int partitions,
                                                         double minWeight) {
        return keptAndJoined(candidates, tokens, partitions, minWeight, false).javaRDD().map(r -> {
            List<String> toks = r.getList(r.fieldIndex("tokens"));
            List<String> tags = r.getList(r.fieldIndex("tags"));
            return new WeightedSequence(toks, tags, r.<Double>getAs("weight"));
        });
    }

    /**
     * The update's sentence groups: {@link #weightedRows}' rows grouped by sentence (the grouped
     * update runs a sentence's encoder once for all its candidates), each row's weight placed on its
     * positions by {@code credit} against the sentence's gold tags. The rows of a sentence are
     * consecutive in a partition (hash of example id, sorted by id and rank), so grouping needs no
     * further shuffle. Sentences none of whose candidates are kept are absent.
     */
    public static JavaRDD<SentenceGroup> sentenceGroups(Dataset<Row> candidates, Dataset<Row> tokens, int partitions,
                                                       double minWeight, CreditRule credit) {
        boolean withGold = credit.needsGold();
        return keptAndJoined(candidates, tokens, partitions, minWeight, withGold).javaRDD().mapPartitions(it -> {
            List<SentenceGroup> out = new ArrayList<>();
            String id = null;
            List<String> toks = null;
            List<String> gold = null;
            List<SentenceGroup.Row> rows = new ArrayList<>();
            while (it.hasNext()) {
                Row r = it.next();
                String rowId = r.getAs("example_id");
                if (!rowId.equals(id)) {
                    if (id != null) {
                        out.add(credit.place(new SentenceGroup(toks, rows), gold));
                    }
                    id = rowId;
                    toks = r.getList(r.fieldIndex("tokens"));
                    gold = withGold ? r.getList(r.fieldIndex("gold_tags")) : null;
                    rows = new ArrayList<>();
                }
                rows.add(new SentenceGroup.Row(r.getList(r.fieldIndex("tags")), r.<Double>getAs("weight")));
            }
            if (id != null) {
                out.add(credit.place(new SentenceGroup(toks, rows), gold));
            }
            return out.iterator();
        });
    }

    /**
     * Kept candidates with their sentence's tokens (and gold tags only if asked: they would double
     * the strings every candidate row carries through the shuffle), hash-partitioned by example id,
     * sorted by id and rank.
     */
    private static Dataset<Row> keptAndJoined(Dataset<Row> candidates, Dataset<Row> tokens, int partitions,
                                              double minWeight, boolean withGold) {
        return candidates.where(kept(minWeight)).join(withGold ? tokens : tokens.drop("gold_tags"), "example_id")
                .repartition(partitions, col("example_id"))
                .sortWithinPartitions(col("example_id"), col("rank"));
    }
}
