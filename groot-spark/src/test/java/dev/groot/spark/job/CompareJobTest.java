package dev.groot.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.spark.executor.SentencePrediction;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code groot compare} on a real two-iteration run: figures consistent with what training committed. */
@Tag("spark")
class CompareJobTest {
    @TempDir
    static Path tmp;
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
    @SuppressWarnings("unchecked")
    void comparesAChosenIterationWithTheNllModel() throws Exception {
        String run = SparkTestData.sharedRun(spark);
        String data = SparkTestData.sharedRunData(run);
        RunManifest manifest = RunManifests.latest(new RunLayout(run), new Configuration()).orElseThrow();
        File output = tmp.resolve("compare.json").toFile();
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

    private static SentencePrediction prediction(String id) {
        return new SentencePrediction(id, "dev", List.of("w"), List.of("O"),
                List.of(new ScoredSequence(List.of("O"), -0.1)));
    }
}
