package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunLock;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled retraining observed on real retrains: the first is promoted, one whose run's best model
 * is replaced by an untrained network (before the job evaluates it) is not, and a normal one warm-starts
 * from production; rewards are recomputed here from the models; pointer, pruning, history, the lock.
 */
@Tag("spark")
class RetrainJobTest {

    @TempDir
    static java.nio.file.Path tmp;
    static SparkSession spark;
    static String data;
    static final List<Example> DEV = SyntheticCorpus.spans(24, 2, "dev");

    @BeforeAll
    static void start() {
        spark = SparkTestData.session("local[2]");
        data = SparkTestData.writeSpanCorpus(spark, tmp.resolve("snapshot").toString(), 64, 24);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void promotesOnlyACandidateAtLeastAsGoodAsProduction() throws Exception {
        String home = tmp.resolve("home").toString();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        GrootRunConfig template = SparkTestData.config(data, "ignored", 1, true);
        assertNull(RetrainJob.currentProduction(new Path(home), conf));

        // 1. nothing to beat: promoted, the pointer names a copy of the run's best model
        String[] run1 = new String[1];
        RetrainJob.Outcome first = RetrainJob.run(spark, home, template, 1, runDir(home, run1, line -> { }));
        assertTrue(first.promoted(), first.reason());
        assertNull(first.rewardBefore());
        String production = RetrainJob.currentProduction(new Path(home), conf);
        assertEquals(first.productionModel(), production);
        assertArrayEquals(Files.readAllBytes(java.nio.file.Path.of(run1[0], "best")),
                Files.readAllBytes(java.nio.file.Path.of(URI(production))));
        double productionF1 = SpanF1.greedy(ModelIO.load(production, conf), DEV);
        assertEquals(productionF1, first.rewardAfter(), 1e-9);
        assertTrue(productionF1 > 0, "a trained model finds spans: " + productionF1);

        // 2. a run whose best model is swapped for an untrained one once the run has finished
        //    (its summary table is the run's last line): worse than production, so not promoted
        TaggerModel untrained = untrained(template.tagger());
        double untrainedF1 = SpanF1.greedy(untrained, DEV);
        assertTrue(untrainedF1 < productionF1, untrainedF1 + " vs " + productionF1);
        String[] run2 = new String[1];
        RetrainJob.Outcome second = RetrainJob.run(spark, home, template, 1, runDir(home, run2, line -> {
            if (line.startsWith("iter ")) {
                ModelIO.save(untrained, new RunLayout(run2[0]).best().toString(), conf);
            }
        }));
        assertFalse(second.promoted(), second.reason());
        assertEquals(productionF1, second.rewardBefore(), 1e-9);
        assertEquals(untrainedF1, second.rewardAfter(), 1e-9);
        assertEquals(production, RetrainJob.currentProduction(new Path(home), conf), "the pointer did not move");
        assertEquals(production, second.productionModel());
        assertTrue(second.reason().contains("<"), second.reason());

        // 3. a normal retrain starts from production (its iteration 0 has production's parameters);
        //    its best is at least iteration 0 on dev, so it is promoted and the pointer moves
        float[] productionParams = params(ModelIO.load(production, conf)); // pruned once the next model is promoted
        String[] run3 = new String[1];
        RetrainJob.Outcome third = RetrainJob.run(spark, home, template, 1, runDir(home, run3, line -> { }));
        assertArrayEquals(productionParams, params(ModelIO.load(new RunLayout(run3[0]).model(0).toString(), conf)));
        double candidateF1 = SpanF1.greedy(ModelIO.load(new RunLayout(run3[0]).best().toString(), conf), DEV);
        assertEquals(productionF1, third.rewardBefore(), 1e-9);
        assertEquals(candidateF1, third.rewardAfter(), 1e-9);
        assertTrue(candidateF1 >= productionF1 && third.promoted(), third.reason());
        String after = RetrainJob.currentProduction(new Path(home), conf);
        assertEquals(third.productionModel(), after);
        assertTrue(!after.equals(production));
        File[] models = new File(tmp.resolve("home/models").toString()).listFiles((d, n) -> n.endsWith(".groot"));
        assertEquals(1, models.length, "--keep 1 keeps only the production model");

        Dataset<Row> history = spark.read().parquet(home + "/history");
        List<Row> rows = history.orderBy("time").collectAsList();
        assertEquals(List.of(true, false, true), rows.stream().map(r -> r.<Boolean>getAs("promoted")).toList());
        assertEquals(untrainedF1, rows.get(1).<Double>getAs("reward_after"), 1e-9);
        assertTrue(rows.get(1).<String>getAs("data_hash").endsWith("/" + (64 + 24)), rows.get(1).toString());

        try (RunLock held = RunLock.acquire(new Path(home, "_lock"), conf)) {
            IllegalStateException busy = assertThrows(IllegalStateException.class,
                    () -> RetrainJob.run(spark, home, template, 1, s -> { }));
            assertTrue(busy.getMessage().contains("in use by another groot process"), busy.getMessage());
        }
    }

    /** Records the run directory from the job's first line ("retrain STAMP: ..."), then passes lines on. */
    private static Consumer<String> runDir(String home, String[] dir, Consumer<String> next) {
        return line -> {
            if (dir[0] == null && line.startsWith("retrain ")) {
                dir[0] = home + "/runs/" + line.substring("retrain ".length(), line.indexOf(':'));
            }
            next.accept(line);
        };
    }

    private static TaggerModel untrained(TaggerConfig c) {
        List<Example> train = SyntheticCorpus.spans(64, 1, "train");
        return TaggerModel.create(c, Vocabularies.build(train, c), ModelManifest.create(c, "", Map.of()));
    }

    private static float[] params(TaggerModel m) {
        return m.networkCopy().params().toFloatVector();
    }

    private static java.net.URI URI(String path) {
        return path.contains("://") ? java.net.URI.create(path) : new File(path).toURI();
    }
}
