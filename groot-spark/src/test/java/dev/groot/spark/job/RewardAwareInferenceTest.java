package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.eval.Calibration;
import dev.groot.model.eval.CorpusMetrics;
import dev.groot.model.inference.Decoding;
import dev.groot.model.reward.SpanFBetaReward;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.executor.SentencePrediction;
import dev.groot.spark.store.RunLayout;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** evaluate / predict / compare with MBR decoding on the shared two-iteration run: wiring and recorded decoding. */
@Tag("spark")
class RewardAwareInferenceTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static String run;
    static String data;
    static String model;

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        run = SparkTestData.sharedRun(spark);
        data = SparkTestData.sharedRunData(run);
        model = new RunLayout(run).model(2).toString();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The dev top-K lists decoded on the driver's side, with the same settings evaluate uses. */
    private static List<SentencePrediction> devPredictions(int k) {
        TaggerModel m = ModelIO.load(model, new Configuration());
        var examples = ExampleData.split(ExampleData.read(spark, data), "dev", 0, 0);
        List<SentencePrediction> p = new ArrayList<>(new DevEvaluation(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), examples,
                List.of(new SpanFBetaReward(1)), k, k, true, 256).predictions(m));
        p.sort(Comparator.comparing(SentencePrediction::id));
        return p;
    }

    @Test
    @SuppressWarnings("unchecked")
    void evaluateWithMbrRecordsItsDecodingAndMatchesTheChoiceRecomputed() {
        int k = 4;
        DecodeOptions mbr = new DecodeOptions("mbr", List.of("span-fbeta:beta=0.5"), 1.0);
        Map<String, Object> json = EvaluateJob.run(spark, model, data, "dev", k, k, List.of("span-fbeta:beta=1"), true,
                tmp.resolve("mbr.json").toString(), mbr);
        Map<String, Object> decoding = (Map<String, Object>) json.get("decoding");
        assertEquals("mbr", decoding.get("method"));
        assertEquals("span-fbeta:beta=0.5", decoding.get("mbr_reward"));
        assertEquals(1.0, decoding.get("mbr_temperature"));
        assertTrue(Files.exists(tmp.resolve("mbr.json")));

        // the same choice made here from the collected lists: executor-side figures must agree
        List<SentencePrediction> predictions = devPredictions(k);
        Decoding f05 = Decoding.mbr(new SpanFBetaReward(0.5), 1.0);
        CorpusMetrics mbrCounts = new CorpusMetrics();
        CorpusMetrics mapCounts = new CorpusMetrics();
        Calibration calibration = new Calibration();
        long candidates = 0;
        for (SentencePrediction p : predictions) {
            mbrCounts.add(p.gold(), p.topK().get(f05.choose(p.topK())).tags());
            mapCounts.add(p.gold(), p.topK().get(0).tags());
            double[] lp = p.topK().stream().mapToDouble(s -> s.logProb()).toArray();
            double[] r = p.topK().stream().mapToDouble(s -> new SpanFBetaReward(1).score(p.gold(), s.tags())).toArray();
            calibration.add(lp, r);
            candidates += p.topK().size();
        }
        assertEquals(mbrCounts.spanF1(), (Double) json.get("span_f1"), 1e-12);
        assertEquals(mbrCounts.spanF1(), ((Map<String, Double>) json.get("top1_reward")).get("span-fbeta:beta=1.0"), 1e-12);
        assertEquals(mbrCounts.spanPrecision(), (Double) json.get("span_precision"), 1e-12);

        Map<String, Object> cal = (Map<String, Object>) json.get("calibration");
        assertEquals("span-fbeta:beta=1.0", cal.get("reward"));
        assertEquals(candidates, ((Number) cal.get("candidates")).longValue());
        assertEquals(calibration.expectedCalibrationError(), (Double) cal.get("ece"), 1e-12);
        long bucketed = ((List<Map<String, Object>>) cal.get("reliability")).stream()
                .mapToLong(b -> ((Number) b.get("count")).longValue()).sum();
        assertEquals(candidates, bucketed);

        Map<String, Object> map = EvaluateJob.run(spark, model, data, "dev", k, k, List.of("span-fbeta:beta=1"), true,
                null, DecodeOptions.MAP);
        assertEquals(Map.of("method", "map"), map.get("decoding"));
        assertEquals(mapCounts.spanF1(), (Double) map.get("span_f1"), 1e-12);
        // top-K figures follow the beam either way
        assertEquals(map.get("topk"), json.get("topk"));
        assertEquals(map.get("calibration"), json.get("calibration"));

        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> EvaluateJob.run(spark, model,
                data, "dev", k, k, List.of("span-f1"), true, null,
                new DecodeOptions("mbr", List.of("span-f1", "span-recall"), 1.0)));
        assertTrue(two.getMessage().contains("one --mbr-reward"), two.getMessage());
    }

    @Test
    void predictConllWithMbrPutsTheChoiceFirstAndSaysSo() throws Exception {
        int k = 3;
        Path out = tmp.resolve("dev.conll");
        DecodeOptions mbr = new DecodeOptions("mbr", List.of("span-fbeta:beta=0.5"), 2.0);
        long n = PredictJob.run(spark, model, data, "dev", k, k, true, out.toString(), "conll", false, mbr);
        List<String> lines = Files.readAllLines(out);
        assertEquals("# decoding = mbr reward=span-fbeta:beta=0.5 temperature=2.0", lines.get(0));

        Decoding f05 = Decoding.mbr(new SpanFBetaReward(0.5), 2.0);
        Map<String, SentencePrediction> byId = new java.util.HashMap<>();
        devPredictions(k).forEach(p -> byId.put(p.id(), p));
        assertEquals(byId.size(), n);
        String id = null;
        int token = 0;
        int checked = 0;
        for (String l : lines.subList(1, lines.size())) {
            if (l.startsWith("# id = ")) {
                id = l.substring(7);
                token = 0;
            } else if (!l.isEmpty()) {
                SentencePrediction p = byId.get(id);
                String[] cols = l.split("\t");
                assertEquals(p.topK().get(f05.choose(p.topK())).tags().get(token), cols[1], id + " token " + token);
                token++;
                checked++;
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void predictParquetWithMbrKeepsEveryRankAndRecordsTheDecoding() throws Exception {
        int k = 3;
        Path out = tmp.resolve("dev.parquet");
        DecodeOptions mbr = new DecodeOptions("mbr", List.of("span-fbeta:beta=0.5"), 1.0);
        PredictJob.run(spark, model, data, "dev", k, k, true, out.toString(), "parquet", false, mbr);
        Map<?, ?> sidecar = new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(out.resolve(PredictJob.DECODING_FILE).toFile(), Map.class);
        assertEquals(Map.of("method", "mbr", "mbr_reward", "span-fbeta:beta=0.5", "mbr_temperature", 1.0), sidecar);

        Decoding f05 = Decoding.mbr(new SpanFBetaReward(0.5), 1.0);
        Map<String, SentencePrediction> byId = new java.util.HashMap<>();
        devPredictions(k).forEach(p -> byId.put(p.id(), p));
        var rows = spark.read().parquet(out.toString()).collectAsList();
        assertEquals(byId.values().stream().mapToInt(p -> p.topK().size()).sum(), rows.size());
        for (var r : rows) {
            SentencePrediction p = byId.get(r.<String>getAs("example_id"));
            if (r.<Integer>getAs("rank") == 0) {
                assertEquals(p.topK().get(f05.choose(p.topK())).tags(), r.<String>getList(r.fieldIndex("tags")));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareBothReportsMapAndMbrOfBothModelsWithIntervals() {
        List<String> lines = new ArrayList<>();
        DecodeOptions both = new DecodeOptions("both",
                List.of("span-fbeta:beta=1", "span-fbeta:beta=0.5", "span-fbeta:beta=2"), 1.0);
        Map<String, Object> r = CompareJob.run(spark, run, data, "synthetic", 3, 4, 100, null, null, lines::add, both);
        Map<String, Object> ra = (Map<String, Object>) r.get("reward_aware");
        assertEquals(List.of("span-fbeta:beta=1.0", "span-fbeta:beta=0.5", "span-fbeta:beta=2.0"), ra.get("mbr_rewards"));
        Map<String, Object> dev = (Map<String, Object>) ra.get("dev");
        Map<String, Object> top1 = (Map<String, Object>) dev.get("top1");
        assertEquals(3, top1.size());
        // MAP of the run's reward is the top-1 figure compare already reports for each model
        Map<String, Object> f1 = (Map<String, Object>) top1.get("span-fbeta:beta=1.0");
        List<Map<String, Object>> iterations = (List<Map<String, Object>>) r.get("iterations");
        double nllTop1 = (Double) ((Map<String, Object>) iterations.get(0).get("dev")).get("top1_reward");
        assertEquals(nllTop1, (Double) f1.get("nll_map"), 1e-12);
        for (Object v : top1.values()) {
            Map<String, Map<String, Object>> gains = (Map<String, Map<String, Object>>) ((Map<String, Object>) v).get("gains");
            assertEquals(List.of("nll_mbr_minus_nll_map", "groot_mbr_minus_groot_map", "groot_mbr_minus_nll_map",
                    "groot_mbr_minus_nll_mbr"), List.copyOf(gains.keySet()));
            for (Map<String, Object> g : gains.values()) {
                List<Double> ci = (List<Double>) g.get("ci95");
                double delta = (Double) g.get("delta");
                assertEquals((Double) g.get("system") - (Double) g.get("baseline"), delta, 1e-12);
                assertTrue(ci.get(0) <= delta + 1e-12 && delta <= ci.get(1) + 1e-12, g.toString());
            }
        }
        Map<String, Object> cal = (Map<String, Object>) dev.get("calibration");
        for (String m : List.of("nll", "groot")) {
            double ece = (Double) ((Map<String, Object>) cal.get(m)).get("ece");
            assertTrue(ece >= 0 && ece <= 1, m + " ece " + ece);
        }
        assertEquals(3, lines.stream().filter(l -> l.startsWith("dev span-fbeta")).count(), String.join("\n", lines));

        assertTrue(assertThrows(IllegalArgumentException.class, () -> CompareJob.run(spark, run, data, "s", 3, 4, 10,
                null, null, l -> { }, new DecodeOptions("best", List.of(), 1.0))).getMessage()
                .contains("map, mbr or both"));
    }
}
