package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.engine.CrossFitFolds;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.store.RunLayout;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-fitting end to end on local Spark: two fold runs each train without their fold, a GROOT
 * run stores the fold models' held-out candidates (each from the model that never saw the
 * sentence, scored by the current model), an nll control is unchanged by them, and fold models
 * passed in the wrong order are refused.
 */
@Tag("spark")
class CrossFitJobTest {
    private static final int TRAIN = 96;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static String data;
    static String init;
    static final List<String> foldModels = new ArrayList<>();
    static final List<List<String>> foldLogs = new ArrayList<>();

    @BeforeAll
    static void foldRuns() {
        spark = SparkTestData.session("local[2]");
        init = new RunLayout(SparkTestData.sharedRun(spark)).model(1).toString();
        data = SparkTestData.writeSpanCorpus(spark, tmp.resolve("examples").toString(), TRAIN, 32);
        for (int f = 0; f < 2; f++) {
            String run = tmp.resolve("fold" + f).toString();
            List<String> log = new CopyOnWriteArrayList<>();
            new GrootTrainJob(spark, SparkTestData.config(data, run, 0, false)
                    .withCrossFit(new CrossFitConfig(2, f, List.of())), log::add).run();
            foldLogs.add(log);
            foldModels.add(new RunLayout(run).model(0).toString());
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aFoldRunTrainsWithoutItsFoldAndRecordsIt() {
        List<Example> train = SyntheticCorpus.spans(TRAIN, 1, "train");
        for (int f = 0; f < 2; f++) {
            int fold = f;
            long kept = train.stream().filter(e -> CrossFitFolds.foldOf(e.id(), 2) != fold).count();
            assertTrue(kept > 0 && kept < TRAIN);
            String expected = String.format("data: %,d train sentences", kept);
            assertTrue(foldLogs.get(f).stream().anyMatch(l -> l.startsWith(expected)
                    && l.contains("without cross-fit fold " + fold + " of 2")), "fold " + f + ": " + foldLogs.get(f));
            TaggerModel model = ModelIO.load(foldModels.get(f), new Configuration());
            assertEquals("fold " + f + " of 2", model.manifest().extras().get(CrossFitConfig.MANIFEST_KEY));
        }
    }

    @Test
    void heldOutCandidatesComeFromTheModelThatNeverSawTheSentence() {
        String run = tmp.resolve("groot").toString();
        new GrootTrainJob(spark, withFoldModels(run, "kl", foldModels), l -> { }).run();
        Configuration conf = new Configuration();
        List<TaggerModel> folds = List.of(ModelIO.load(foldModels.get(0), conf), ModelIO.load(foldModels.get(1), conf));
        Map<String, List<String>> tokens = new HashMap<>();
        SyntheticCorpus.spans(TRAIN, 1, "train").forEach(e -> tokens.put(e.id(), e.tokens()));

        List<Row> rows = spark.read().parquet(new RunLayout(run).candidates(1).toString()).collectAsList();
        Map<String, Set<List<String>>> heldOut = new HashMap<>();
        for (Row r : rows) {
            assertTrue(Double.isFinite(r.<Double>getAs("log_prob")), "every candidate has s(c): " + r);
            if ("HELD_OUT".equals(r.getAs("origin"))) {
                heldOut.computeIfAbsent(r.getAs("example_id"), id -> new HashSet<>()).add(List.copyOf(r.getList(
                        r.fieldIndex("tags"))));
            }
        }
        assertTrue(!heldOut.isEmpty(), "the fold models add candidates");
        long heldOutRows = rows.stream().filter(r -> "HELD_OUT".equals(r.getAs("origin"))).count();
        Map<String, Object> inspected = InspectJob.inspect(spark, run);
        @SuppressWarnings("unchecked")
        Map<String, Long> origins = (Map<String, Long>) ((Map<String, Object>) ((List<Object>) inspected
                .get("iterations")).get(1)).get("origins");
        assertEquals(heldOutRows, origins.get("HELD_OUT"), "groot inspect counts them");
        double heldOutWeight = rows.stream().filter(r -> "HELD_OUT".equals(r.getAs("origin")))
                .mapToDouble(r -> r.<Double>getAs("weight")).sum();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Double>> weights = (Map<String, Map<String, Double>>) ((Map<String, Object>)
                ((List<Object>) inspected.get("iterations")).get(1)).get("origin_weights");
        assertEquals(heldOutWeight, weights.get("HELD_OUT").get("weight_sum"), 1e-9, "and sum their weights");
        assertTrue(InspectJob.toTable(inspected).contains("HELD_OUT"));
        for (Map.Entry<String, Set<List<String>>> e : heldOut.entrySet()) {
            TaggerModel own = folds.get(CrossFitFolds.foldOf(e.getKey(), 2));
            Set<List<String>> top = new HashSet<>();
            for (ScoredSequence s : own.topK(List.of(tokens.get(e.getKey())), 3, 4, true, 8).get(0)) {
                top.add(s.tags());
            }
            assertTrue(top.containsAll(e.getValue()), e.getKey() + ": " + e.getValue() + " not in its fold model's top 3 "
                    + top);
        }
    }

    @Test
    void withFoldModelPTheStoredScoresAreTheFoldModelsInEveryIteration() {
        // two iterations: the fold models are broadcast once per run, so the second must still find them
        String run = tmp.resolve("groot-fold-p").toString();
        GrootRunConfig cfg = SparkTestData.config(data, run, 2, false, "kl").withRunAndInitModel(run, init)
                .withCrossFit(new CrossFitConfig(2, -1, foldModels, true));
        new GrootTrainJob(spark, cfg, l -> { }).run();
        Configuration conf = new Configuration();
        List<TaggerModel> folds = List.of(ModelIO.load(foldModels.get(0), conf), ModelIO.load(foldModels.get(1), conf));
        Map<String, List<String>> tokens = new HashMap<>();
        SyntheticCorpus.spans(TRAIN, 1, "train").forEach(e -> tokens.put(e.id(), e.tokens()));
        for (int iteration = 1; iteration <= 2; iteration++) {
            List<Row> rows = spark.read().parquet(new RunLayout(run).candidates(iteration).toString()).collectAsList();
            assertTrue(rows.size() > TRAIN, "iteration " + iteration);
            assertTrue(rows.stream().anyMatch(r -> "HELD_OUT".equals(r.getAs("origin"))), "iteration " + iteration);
            for (int fold = 0; fold < 2; fold++) {
                int f = fold;
                List<Row> ofFold = rows.stream().filter(r -> CrossFitFolds.foldOf(r.getAs("example_id"), 2) == f)
                        .toList();
                double[] expected = folds.get(f).logProbs(ofFold.stream()
                        .map(r -> tokens.get(r.<String>getAs("example_id"))).toList(),
                        ofFold.stream().map(r -> List.copyOf(r.<String>getList(r.fieldIndex("tags")))).toList());
                for (int i = 0; i < ofFold.size(); i++) {
                    assertEquals(expected[i], ofFold.get(i).<Double>getAs("log_prob"), 1e-4,
                            "iteration " + iteration + ", fold " + f + ": " + ofFold.get(i));
                }
            }
        }
    }

    @Test
    void theNllControlIsUnchangedByFoldModels() {
        String plain = tmp.resolve("control").toString();
        String crossFit = tmp.resolve("control-cross-fit").toString();
        new GrootTrainJob(spark, withFoldModels(plain, "nll", List.of()), l -> { }).run();
        new GrootTrainJob(spark, withFoldModels(crossFit, "nll", foldModels), l -> { }).run();
        Configuration conf = new Configuration();
        TaggerModel a = ModelIO.load(new RunLayout(plain).model(1).toString(), conf);
        TaggerModel b = ModelIO.load(new RunLayout(crossFit).model(1).toString(), conf);
        TaggerModel start = ModelIO.load(init, conf);
        assertTrue(!start.networkCopy().params().equals(a.networkCopy().params()), "the control trained");
        assertEquals(a.networkCopy().params(), b.networkCopy().params(),
                "only gold carries weight in the control, so extra candidates change nothing");
    }

    @Test
    void anUnseenFoldRunTrainsOnlyOnTheFoldItsStartNeverSaw() {
        String run = tmp.resolve("unseen-fold1").toString();
        List<String> log = new CopyOnWriteArrayList<>();
        new GrootTrainJob(spark, SparkTestData.config(data, run, 1, false, "kl").withRunAndInitModel(run,
                foldModels.get(1)).withCrossFit(CrossFitConfig.unseenFold(2, 1)), log::add).run();
        Set<String> fold1 = new HashSet<>();
        SyntheticCorpus.spans(TRAIN, 1, "train").stream().map(Example::id)
                .filter(id -> CrossFitFolds.foldOf(id, 2) == 1).forEach(fold1::add);
        assertTrue(log.stream().anyMatch(l -> l.startsWith(String.format("data: %,d train sentences", fold1.size()))
                && l.contains("only cross-fit fold 1 of 2")), log.toString());
        Set<String> candidateIds = new HashSet<>();
        spark.read().parquet(new RunLayout(run).candidates(1).toString()).select("example_id").collectAsList()
                .forEach(r -> candidateIds.add(r.getString(0)));
        assertEquals(fold1, candidateIds, "candidates of exactly fold 1's sentences");

        String wrongStart = tmp.resolve("unseen-fold1-wrong-start").toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GrootTrainJob(spark,
                SparkTestData.config(data, wrongStart, 1, false, "kl").withRunAndInitModel(wrongStart, foldModels.get(0))
                        .withCrossFit(CrossFitConfig.unseenFold(2, 1)), l -> { }).run());
        assertTrue(e.getMessage().contains("--hold-out-fold 1") && e.getMessage().contains("fold 0 of 2")
                && e.getMessage().contains(foldModels.get(0)), e.getMessage());
    }

    @Test
    void foldModelsInTheWrongOrderAreRefused() {
        String run = tmp.resolve("swapped").toString();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GrootTrainJob(spark,
                withFoldModels(run, "kl", List.of(foldModels.get(1), foldModels.get(0))), l -> { }).run());
        assertTrue(e.getMessage().contains("--hold-out-fold 0") && e.getMessage().contains("fold 1 of 2")
                && e.getMessage().contains(foldModels.get(1)), e.getMessage());
    }

    /** A one-iteration run from the shared start, through the Spark trainer. */
    private static GrootRunConfig withFoldModels(String run, String objective, List<String> models) {
        GrootRunConfig cfg = SparkTestData.config(data, run, 1, false, objective).withRunAndInitModel(run, init);
        return models.isEmpty() ? cfg : cfg.withCrossFit(new CrossFitConfig(2, -1, models));
    }
}
