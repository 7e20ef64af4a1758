package dev.groot.spark.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groot.model.eval.Calibration;
import dev.groot.spark.job.SparkTestData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs every SQL paragraph of every note, with the run path substituted, on a real finished run. */
@Tag("spark")
class ZeppelinNotesSqlTest {

    static SparkSession spark;
    static String run;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        run = SparkTestData.sharedRun(spark);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static List<Row> runParagraph(ZeppelinNote.Paragraph p, Map<String, String> forms) {
        Dataset<Row> df = spark.sql(ZeppelinNote.substitute(p.body(), forms));
        List<Row> rows = df.collectAsList();
        checkGraphColumns(p, df.columns());
        return rows;
    }

    /** Zeppelin draws a chart from result columns by index: the names stored in the note must match. */
    private static void checkGraphColumns(ZeppelinNote.Paragraph p, String[] columns) {
        for (String part : List.of("keys", "groups", "values")) {
            for (JsonNode c : p.graph().path(part)) {
                int i = c.path("index").asInt();
                assertTrue(i < columns.length && columns[i].equals(c.path("name").asText()),
                        p.title() + ": chart " + part + " column " + c + " is not in the result " + List.of(columns));
            }
        }
    }

    @TestFactory
    List<DynamicTest> everySqlParagraphReturnsRows() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ZeppelinNote n : Notes.all()) {
            for (ZeppelinNote.Paragraph p : n.paragraphs()) {
                if (p.interpreter().equals("%spark.sql")) {
                    tests.add(DynamicTest.dynamicTest(n.name() + " / " + p.title(), () -> {
                        List<Row> rows = runParagraph(p, Map.of("run_path", run));
                        assertFalse(rows.isEmpty(), "no rows");
                    }));
                }
            }
        }
        assertTrue(tests.size() >= 10, "expected the notes to hold at least 10 SQL paragraphs, found " + tests.size());
        return tests;
    }

    @Test
    void candidateBrowserShowsTheChosenExampleAcrossIterations() {
        Dataset<Row> cands = spark.read().parquet(run + "/iteration=*/candidates");
        // The example with the most candidates in the last iteration: an interesting, non-default choice.
        String id = cands.groupBy("example_id").count().orderBy(col("count").desc(), col("example_id").desc())
                .first().getString(0);
        ZeppelinNote.Paragraph p = Notes.paragraph("GROOT candidate browser", "Candidates of one example");
        List<Row> rows = runParagraph(p, Map.of("run_path", run, "example_id", id));
        assertEquals(cands.where(col("example_id").equalTo(id)).count(), rows.size());
        Set<Integer> iterations = new TreeSet<>();
        Set<String> origins = new TreeSet<>();
        for (Row r : rows) {
            assertEquals(id, r.getAs("example_id"));
            iterations.add(r.getAs("iteration"));
            origins.add(r.getAs("origin"));
        }
        assertEquals(Set.of(1, 2), iterations);
        assertTrue(origins.containsAll(Set.of("BEAM", "GOLD")), "origins " + origins);

        // Empty form = the run's first example id.
        String first = cands.agg(org.apache.spark.sql.functions.min("example_id")).first().getString(0);
        for (Row r : runParagraph(p, Map.of("run_path", run))) {
            assertEquals(first, r.getAs("example_id"));
        }
    }

    @Test
    void weightBreakdownPartitionsEveryIterationsCandidatesAndWeight() {
        Dataset<Row> cands = spark.read().parquet(run + "/iteration=*/candidates");
        ZeppelinNote.Paragraph p = Notes.paragraph("GROOT candidate browser", "Where each iteration's update weight goes");
        Map<Integer, long[]> counted = new java.util.TreeMap<>();
        Map<Integer, Double> summed = new java.util.TreeMap<>();
        for (Row r : runParagraph(p, Map.of("run_path", run))) {
            int it = r.getAs("iteration");
            counted.computeIfAbsent(it, k -> new long[1])[0] += (Long) r.getAs("candidates");
            summed.merge(it, (Double) r.getAs("sum_weight"), Double::sum);
            if ((Boolean) r.getAs("perfect_reward")) {
                assertEquals(1.0, (Double) r.getAs("mean_reward"), 1e-9);
            }
        }
        for (Row r : cands.groupBy("iteration").agg(org.apache.spark.sql.functions.count("*"),
                org.apache.spark.sql.functions.sum("weight")).collectAsList()) {
            int it = r.getInt(0);
            assertEquals(r.getLong(1), counted.get(it)[0], "candidates of iteration " + it);
            // each group's sum is rounded to 3 decimals in the note
            assertEquals(r.getDouble(2), summed.get(it), 0.0005 * 12, "weight of iteration " + it);
        }
    }

    @Test
    void topKInspectorPutsIterationZeroNextToLaterIterations() {
        ZeppelinNote.Paragraph p = Notes.paragraph("GROOT top-K inspector", "Mean dev reward of the candidate at rank k");
        Set<String> models = new TreeSet<>();
        for (Row r : runParagraph(p, Map.of("run_path", run, "reward_like", "span-fbeta%"))) {
            models.add(r.getAs("model"));
        }
        assertEquals(Set.of("NLL (iteration 0) / span-fbeta:beta=1.0", "GROOT iteration 1 / span-fbeta:beta=1.0",
                "GROOT iteration 2 / span-fbeta:beta=1.0"), models);
    }

    @Test
    void calibrationParagraphsAgreeWithCalibrationComputedFromTheCandidates() {
        ZeppelinNote.Paragraph eceParagraph = Notes.paragraph("GROOT top-K inspector",
                "Calibration: expected calibration error per iteration");
        ZeppelinNote.Paragraph reliability = Notes.paragraph("GROOT top-K inspector",
                "Calibration: mean reward against normalised probability (beam candidates)");
        List<Row> eces = runParagraph(eceParagraph, Map.of("run_path", run));
        List<Row> buckets = runParagraph(reliability, Map.of("run_path", run));
        assertEquals(2, eces.size(), "one ECE per GROOT iteration: " + eces);
        for (Row e : eces) {
            int it = e.getAs("iteration");
            Calibration c = new Calibration();
            for (Row r : spark.read().parquet(run + "/iteration=" + it + "/candidates")
                    .where(col("origin").equalTo("BEAM")).groupBy("example_id")
                    .agg(collect_list("log_prob"), collect_list("reward")).collectAsList()) {
                c.add(r.<Double>getList(1).stream().mapToDouble(Double::doubleValue).toArray(),
                        r.<Double>getList(2).stream().mapToDouble(Double::doubleValue).toArray());
            }
            assertEquals(c.expectedCalibrationError(), e.<Double>getAs("ece"), 1e-9, "iteration " + it);
            assertEquals(c.candidates(), e.<Long>getAs("candidates"));
            long inBuckets = buckets.stream().filter(b -> b.<String>getAs("candidates_of").equals("iteration " + it))
                    .mapToLong(b -> b.<Long>getAs("candidates")).sum();
            assertEquals(c.candidates(), inBuckets);
            assertEquals(c.buckets().size(), buckets.stream()
                    .filter(b -> b.<String>getAs("candidates_of").equals("iteration " + it)).count());
        }
    }
}
