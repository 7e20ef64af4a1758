package dev.groot.spark.job;

import dev.groot.model.tagger.WeightedSequence;
import dev.groot.spark.store.CandidateStore;
import dev.groot.spark.store.RunLayout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The update's rows: zero weights always left out, small ones by --min-update-weight, and counted. */
@Tag("spark")
class CandidateStoreTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void smallWeightsAreLeftOutOfTheUpdateAndCounted() {
        String run = SparkTestData.sharedRun(spark);
        RunLayout layout = new RunLayout(run);
        CandidateStore store = new CandidateStore(spark, layout, "test");
        Dataset<Row> stored = store.read(1);
        Dataset<Row> tokens = CandidateStore.tokens(spark,
                ExampleData.split(ExampleData.read(spark, SparkTestData.sharedRunData(run)), "train", 0, 0));
        long all = stored.count();
        long nonZero = stored.where(col("weight").notEqual(0.0)).count();
        // a threshold inside the stored weights, so that both sides are non-empty
        double median = stored.select(abs(col("weight"))).where(col("abs(weight)").gt(0)).stat()
                .approxQuantile("abs(weight)", new double[]{0.5}, 0.0)[0];
        long aboveMedian = stored.where(abs(col("weight")).geq(median)).count();
        assertTrue(aboveMedian > 0 && aboveMedian < nonZero, "weights too uniform for this test: median " + median);

        CandidateStore.UpdateShare exact = CandidateStore.updateShare(stored, 0.0);
        assertEquals(all, exact.rows());
        assertEquals(nonZero, exact.keptRows());
        assertEquals(1.0, exact.keptWeightShare(), 1e-12);
        assertEquals(nonZero, CandidateStore.weightedRows(stored, tokens, 2, 0.0).count());

        CandidateStore.UpdateShare cut = CandidateStore.updateShare(stored, median);
        assertEquals(all, cut.rows());
        assertEquals(aboveMedian, cut.keptRows());
        assertTrue(cut.keptTokens() < cut.tokens());
        assertTrue(cut.keptWeightShare() > 0.5 && cut.keptWeightShare() < 1.0, "share " + cut.keptWeightShare());
        List<WeightedSequence> rows = CandidateStore.weightedRows(stored, tokens, 2, median).collect();
        assertEquals(aboveMedian, rows.size());
        for (WeightedSequence r : rows) {
            assertTrue(Math.abs(r.weight()) >= median, "kept weight " + r.weight());
        }
    }
}
