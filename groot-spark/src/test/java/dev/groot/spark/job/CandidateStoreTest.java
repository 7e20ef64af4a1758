package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.objective.CreditRule;
import dev.groot.model.objective.NegativeCredit;
import dev.groot.model.objective.PositiveCredit;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.update.SentenceGroup;
import dev.groot.spark.store.CandidateStore;
import dev.groot.spark.store.RunLayout;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Error-position and agreeing-position credit: every kept row reaches the update, each weight on its own positions. */
    @Test
    void errorPositionCreditPlacesNegativeWeightsOnTheErrorsAgainstGold() {
        String run = SparkTestData.sharedRun(spark);
        CandidateStore store = new CandidateStore(spark, new RunLayout(run), "test");
        Dataset<Row> stored = store.read(1);
        List<Example> train = ExampleData.split(ExampleData.read(spark, SparkTestData.sharedRunData(run)), "train", 0, 0)
                .collect();
        Map<List<String>, List<String>> goldByTokens = new HashMap<>();
        train.forEach(e -> goldByTokens.put(e.tokens(), e.tags()));
        Dataset<Row> tokens = CandidateStore.tokens(spark, JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(train, 2));
        List<SentenceGroup> plain = CandidateStore.sentenceGroups(stored, tokens, 2, 0.0, CreditRule.METHOD).collect();
        List<SentenceGroup> placed = CandidateStore.sentenceGroups(stored, tokens, 2, 0.0,
                new CreditRule(NegativeCredit.ERROR_POSITIONS, PositiveCredit.AGREEING_POSITIONS))
                .collect();
        assertEquals(plain.size(), placed.size());
        int partly = 0;
        for (int g = 0; g < placed.size(); g++) {
            SentenceGroup s = placed.get(g);
            List<String> gold = goldByTokens.get(s.tokens());
            assertEquals(plain.get(g).rows().size(), s.rows().size(), "no row is dropped");
            for (int r = 0; r < s.rows().size(); r++) {
                SentenceGroup.Row row = s.rows().get(r);
                assertEquals(plain.get(g).rows().get(r).weight(), row.weight(), 0.0);
                for (int t = 0; t < gold.size(); t++) {
                    boolean error = !row.tags().get(t).equals(gold.get(t));
                    boolean isGold = row.tags().equals(gold);
                    double expected = row.weight() < 0 ? (error ? row.weight() : 0.0)
                            : (error && !isGold ? 0.0 : row.weight());
                    assertEquals(expected, row.weightAt(t), 1e-6, "group " + g + " row " + r + " position " + t);
                }
                if (row.weight() < 0 && java.util.stream.IntStream.range(0, gold.size()).anyMatch(t -> row.weightAt(t) == 0)) {
                    partly++;
                }
            }
        }
        assertTrue(partly > 0, "no negative row shares a position with its gold");
        assertTrue(placed.stream().flatMap(s -> s.rows().stream()).anyMatch(r -> r.weight() > 0
                && java.util.stream.IntStream.range(0, r.tags().size()).anyMatch(t -> r.weightAt(t) == 0)),
                "no positive near-miss row was restricted to its agreeing positions");
    }
}
