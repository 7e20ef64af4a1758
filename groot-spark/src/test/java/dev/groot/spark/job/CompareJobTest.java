package dev.groot.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.executor.SentencePrediction;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code groot compare} on the shared two-iteration run (figures consistent with what training
 * committed), and with {@code --control-run} on two real one-iteration runs (GROOT through the Spark
 * trainer, an nll control through the local updater) from one starting model, on data with a test
 * split. The figures are recomputed here from the checkpoints with a span F1 written in this test.
 */
@Tag("spark")
class CompareJobTest {
    private static final int K = 3;
    private static final int BEAM = 4;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static String data;
    static String shared;
    static String groot;
    static String control;
    static final List<String> grootLog = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void runs() {
        spark = SparkTestData.session("local[2]");
        shared = SparkTestData.sharedRun(spark);
        data = SparkTestData.writeSpanCorpus(spark, tmp.resolve("examples").toString(), 96, 32, 24);
        // both start from the shared run's iteration 1, so the shared run (iteration 0 differs) is a mismatched control
        String init = new RunLayout(shared).model(1).toString();
        groot = tmp.resolve("groot").toString();
        control = tmp.resolve("control").toString();
        new GrootTrainJob(spark, SparkTestData.config(data, groot, 1, false, "kl").withRunAndInitModel(groot, init),
                grootLog::add).run();
        new GrootTrainJob(spark, SparkTestData.config(data, control, 1, true, "nll").withRunAndInitModel(control, init),
                line -> { }).run();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    @SuppressWarnings("unchecked")
    void gainsAgainstTheControlMatchAnIndependentRecomputation() {
        Map<String, Object> r = CompareJob.run(spark, groot, control, data, "synthetic", K, BEAM, 300, null, null,
                l -> { }, DecodeOptions.MAP);

        int grootIt = bestOnDev(groot);
        int controlIt = bestOnDev(control);
        assertEquals(grootIt, r.get("compared_iteration"));
        Map<String, Object> c = (Map<String, Object>) r.get("control");
        assertEquals(controlIt, c.get("compared_iteration"));
        assertEquals("spark", ((Map<String, String>) r.get("options")).get("updater"));
        assertEquals("2", ((Map<String, String>) r.get("options")).get("workers"));
        assertEquals("local", ((Map<String, String>) c.get("options")).get("updater"));
        assertEquals("1", ((Map<String, String>) c.get("options")).get("workers"));
        assertEquals("nll", ((Map<String, String>) c.get("options")).get("objective"));

        List<Example> test = sortedById(SyntheticCorpus.spans(24, 3, "test"));
        List<List<ScoredSequence>> nll = decode(model(groot, 0), test);
        List<List<ScoredSequence>> sys = decode(model(groot, grootIt), test);
        List<List<ScoredSequence>> ctl = decode(model(control, controlIt), test);

        Map<String, Object> vsControl = (Map<String, Object>) ((Map<String, Object>) r.get("gains_vs_control")).get("test");
        Map<String, Object> vsStart = (Map<String, Object>) ((Map<String, Object>) r.get("gains")).get("test");
        assertEquals(SpanF1.micro(test, sys) - SpanF1.micro(test, ctl), delta(vsControl, "top1"), 1e-9);
        assertEquals(meanTopK(test, sys) - meanTopK(test, ctl), delta(vsControl, "mean_top" + K), 1e-9);
        assertEquals(SpanF1.micro(test, sys) - SpanF1.micro(test, nll), delta(vsStart, "top1"), 1e-9);
        assertEquals(meanTopK(test, sys) - meanTopK(test, nll), delta(vsStart, "mean_top" + K), 1e-9);
        assertEquals(24, vsControl.get("sentences"));
        for (String key : List.of("top1", "mean_top" + K)) {
            List<Double> ci = (List<Double>) ((Map<String, Object>) vsControl.get(key)).get("ci95");
            assertTrue(ci.get(0) <= delta(vsControl, key) + 1e-12 && delta(vsControl, key) <= ci.get(1) + 1e-12);
        }
        assertEquals(Set.of("dev", "test"), ((Map<String, Object>) r.get("gains_vs_control")).keySet());

        Map<String, Object> controlTest = (Map<String, Object>) c.get("test");
        assertEquals(SpanF1.micro(test, ctl), (Double) controlTest.get("top1_reward"), 1e-9);
        // the file names that aggregation: top-1 span F1 is corpus micro-F, the top-k figures are per-sentence means
        Map<String, String> aggregation = (Map<String, String>) r.get("aggregation");
        assertEquals("corpus_micro", aggregation.get("top1_reward"));
        assertEquals("per_sentence_mean", aggregation.get("mean_reward_top" + K));
        List<Double> ranks = (List<Double>) controlTest.get("reward_at_rank_gold_spans");
        for (int j = 0; j < K; j++) {
            assertEquals(rankMeanOverGoldSpans(test, ctl, j), ranks.get(j), 1e-9, "rank " + (j + 1));
        }
        assertTrue(((String) r.get("selection")).contains("highest dev top-1"), (String) r.get("selection"));
    }

    @Test
    void theSparkPathDropsInvalidBioTokenCorrectionsAndSaysSo() {
        // SparkTestData's runs correct single tokens on a BIO corpus: O I-X can come out of a fix
        String line = grootLog.stream().filter(l -> l.contains("invalid BIO candidates dropped")).findFirst()
                .orElseThrow(() -> new AssertionError("no drop reported:\n" + String.join("\n", grootLog)));
        long reported = Long.parseLong(line.replaceAll(".*; ([0-9,]+) invalid BIO.*", "$1").replace(",", ""));
        assertTrue(reported > 0, line);
        List<Row> stored = spark.read().parquet(new RunLayout(groot).candidates(1).toString()).select("tags")
                .collectAsList();
        assertTrue(stored.size() > 0);
        for (Row r : stored) {
            List<String> tags = r.getList(0);
            assertTrue(decodable(tags), "stored candidate is invalid BIO: " + tags);
        }
    }

    /** Written out here: I-X only right after B-X or I-X. */
    private static boolean decodable(List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            String prev = i == 0 ? "O" : tags.get(i - 1);
            if (t.startsWith("I-") && !prev.equals("B-" + t.substring(2)) && !prev.equals(t)) {
                return false;
            }
        }
        return true;
    }

    @Test
    @SuppressWarnings("unchecked")
    void devOnlyAndAFixedControlIterationCompareWithoutDecodingTest() {
        List<String> lines = new ArrayList<>();
        Map<String, Object> r = CompareJob.run(spark, groot, control, data, "synthetic", K, BEAM, 300, null, null,
                lines::add, DecodeOptions.MAP, new CompareScope(List.of("dev"), null));

        assertEquals(List.of("dev"), r.get("splits"));
        assertEquals(Set.of("dev"), ((Map<String, Object>) r.get("gains_vs_control")).keySet());
        assertEquals(Set.of("dev"), ((Map<String, Object>) r.get("gains")).keySet());
        assertFalse(((Map<String, Object>) r.get("control")).containsKey("test"));
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("decoding test") || l.startsWith("test")),
                String.join("\n", lines));
        List<Example> dev = sortedById(SyntheticCorpus.spans(32, 2, "dev"));
        List<List<ScoredSequence>> sys = decode(model(groot, bestOnDev(groot)), dev);
        List<List<ScoredSequence>> ctl = decode(model(control, bestOnDev(control)), dev);
        Map<String, Object> vsControl = (Map<String, Object>) ((Map<String, Object>) r.get("gains_vs_control")).get("dev");
        assertEquals(SpanF1.micro(dev, sys) - SpanF1.micro(dev, ctl), delta(vsControl, "top1"), 1e-9);
        assertEquals(meanTopK(dev, sys) - meanTopK(dev, ctl), delta(vsControl, "mean_top" + K), 1e-9);

        // --control-iteration 0 with --iteration 1: both after the same passes would be 1; 0 is the shared start
        Map<String, Object> fixed = CompareJob.run(spark, groot, control, data, "synthetic", K, BEAM, 100, 1, null,
                l -> { }, DecodeOptions.MAP, new CompareScope(List.of("dev"), 0));
        assertEquals(0, ((Map<String, Object>) fixed.get("control")).get("compared_iteration"));
        List<List<ScoredSequence>> start = decode(model(control, 0), dev);
        List<List<ScoredSequence>> grootIt1 = decode(model(groot, 1), dev);
        Map<String, Object> vsStartAsControl = (Map<String, Object>) ((Map<String, Object>) fixed.get("gains_vs_control"))
                .get("dev");
        assertEquals(SpanF1.micro(dev, grootIt1) - SpanF1.micro(dev, start), delta(vsStartAsControl, "top1"), 1e-9);
        assertTrue(((String) fixed.get("selection")).contains("--control-iteration"), (String) fixed.get("selection"));
        IllegalArgumentException notCommitted = assertThrows(IllegalArgumentException.class, () -> CompareJob.run(spark,
                groot, control, data, "synthetic", K, BEAM, 10, null, null, l -> { }, DecodeOptions.MAP,
                new CompareScope(List.of("dev"), 9)));
        assertTrue(notCommitted.getMessage().contains("iteration 9 is not committed"), notCommitted.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CompareScope(List.of("dev"), -1));

        for (List<String> bad : List.of(List.<String>of(), List.of("train"), List.of("dev", "dev"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompareJob.run(spark,
                    groot, control, data, "synthetic", K, BEAM, 10, null, null, l -> { }, DecodeOptions.MAP,
                    new CompareScope(bad, null)));
            assertTrue(e.getMessage().contains("--splits must name dev and/or test"), e.getMessage());
        }
    }

    @Test
    void aControlFromAnotherStartIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompareJob.run(spark, groot,
                shared, data, "synthetic", K, BEAM, 10, null, null, l -> { }, DecodeOptions.MAP));
        assertTrue(e.getMessage().contains("did not start from the same model"), e.getMessage());
    }

    @Test
    void controlPairsAreCheckedById() {
        SentencePrediction a = prediction("t:1");
        SentencePrediction b = prediction("t:2");
        IllegalStateException swapped = assertThrows(IllegalStateException.class,
                () -> CompareJob.checkPaired("test", List.of(a, b), List.of(a, prediction("t:3")), "the control model",
                        "the compared model"));
        assertEquals("test: pair 1 holds sentence t:2 of the control model and t:3 of the compared model; paired "
                + "figures need the same sentence on both sides", swapped.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void comparesAChosenIterationWithTheNllModel() throws Exception {
        String run = shared;
        String data = SparkTestData.sharedRunData(run);
        RunManifest manifest = RunManifests.latest(new RunLayout(run), new Configuration()).orElseThrow();
        java.io.File output = tmp.resolve("compare.json").toFile();
        List<String> lines = new ArrayList<>();
        // the run's own K (3) and beam (4), so iteration 0 must reproduce the dev metrics it committed
        Map<String, Object> r = CompareJob.run(spark, run, data, "synthetic", 3, 4, 200, 1, output.toString(), lines::add);

        assertEquals(1, r.get("compared_iteration"));
        assertEquals(manifest.bestIteration(), r.get("best_iteration"));
        Map<String, Object> fromFile = new ObjectMapper().readValue(output, Map.class);
        assertEquals(r.keySet(), fromFile.keySet());
        // the synthetic corpus has no test split: reported and skipped, not a crash
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("test: no examples")), String.join("\n", lines));
        Map<String, Object> gains = (Map<String, Object>) r.get("gains");
        assertEquals(List.of("dev"), List.copyOf(gains.keySet()));
        Map<String, Object> dev = (Map<String, Object>) gains.get("dev");
        for (String key : List.of("top1", "mean_top3")) {
            Map<String, Object> g = (Map<String, Object>) dev.get(key);
            List<Double> ci = (List<Double>) g.get("ci95");
            double delta = (Double) g.get("delta");
            assertTrue(ci.get(0) <= delta + 1e-12 && delta <= ci.get(1) + 1e-12, key + ": " + g);
        }

        List<Map<String, Object>> iterations = (List<Map<String, Object>>) r.get("iterations");
        assertEquals(manifest.iterations().size(), iterations.size());
        String rewardName = (String) r.get("reward");
        IterationRecord committed0 = manifest.iteration(0);
        Map<String, Object> dev0 = (Map<String, Object>) iterations.get(0).get("dev");
        assertEquals(committed0.devMetrics().get("top1/" + rewardName), (Double) dev0.get("top1_reward"), 1e-9);
        assertEquals(3, ((List<?>) dev0.get("reward_at_rank")).size());
        Map<String, Object> dev2 = (Map<String, Object>) iterations.get(2).get("dev");
        assertTrue(dev2.containsKey("source"), "iteration 2 was not re-decoded: " + dev2);
        assertFalse(((Map<String, Object>) iterations.get(1).get("dev")).containsKey("source"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompareJob.run(spark, run, data, "synthetic", 3, 4, 10, 7, null, l -> { }));
        assertTrue(e.getMessage().contains("iteration 7 is not committed"), e.getMessage());
    }

    @Test
    void pairsAreCheckedByIdNotJustByPosition() {
        SentencePrediction a = prediction("d:1");
        SentencePrediction b = prediction("d:2");
        CompareJob.checkPaired("dev", List.of(a, b), List.of(a, b));
        IllegalStateException swapped = assertThrows(IllegalStateException.class,
                () -> CompareJob.checkPaired("dev", List.of(a, b), List.of(b, a)));
        assertTrue(swapped.getMessage().startsWith("dev: pair 0 holds sentence d:1 of the NLL model and d:2 of the "
                + "compared model"), swapped.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> CompareJob.checkPaired("test", List.of(a, b), List.of(a)));
        assertTrue(missing.getMessage().contains("decoded 2 sentences but the compared model 1"), missing.getMessage());
    }

    // ---- independent recomputation ----

    private static int bestOnDev(String run) {
        RunManifest m = RunManifests.latest(new RunLayout(run), new Configuration()).orElseThrow();
        int best = -1;
        double value = Double.NEGATIVE_INFINITY;
        for (IterationRecord it : m.iterations()) {
            if (it.devReward() > value) {
                value = it.devReward();
                best = it.iteration();
            }
        }
        return best;
    }

    private static TaggerModel model(String run, int iteration) {
        return ModelIO.load(new RunLayout(run).model(iteration).toString(), new Configuration());
    }

    private static List<List<ScoredSequence>> decode(TaggerModel m, List<Example> examples) {
        return m.topK(examples.stream().map(Example::tokens).toList(), K, BEAM, true);
    }

    private static List<Example> sortedById(List<Example> examples) {
        List<Example> copy = new ArrayList<>(examples);
        copy.sort(Comparator.comparing(Example::id));
        return copy;
    }

    private static double meanTopK(List<Example> test, List<List<ScoredSequence>> top) {
        double total = 0;
        for (int i = 0; i < test.size(); i++) {
            int n = Math.min(K, top.get(i).size());
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += SpanF1.sentence(test.get(i).tags(), top.get(i).get(j).tags());
            }
            total += sum / n;
        }
        return total / test.size();
    }

    private static double rankMeanOverGoldSpans(List<Example> test, List<List<ScoredSequence>> top, int rank) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < test.size(); i++) {
            if (!SpanF1.spans(test.get(i).tags()).isEmpty() && top.get(i).size() > rank) {
                sum += SpanF1.sentence(test.get(i).tags(), top.get(i).get(rank).tags());
                n++;
            }
        }
        return sum / n;
    }

    @SuppressWarnings("unchecked")
    private static double delta(Map<String, Object> gain, String key) {
        return (Double) ((Map<String, Object>) gain.get(key)).get("delta");
    }

    private static SentencePrediction prediction(String id) {
        return new SentencePrediction(id, "test", List.of("w"), List.of("O"),
                List.of(new ScoredSequence(List.of("O"), -0.1)));
    }
}
