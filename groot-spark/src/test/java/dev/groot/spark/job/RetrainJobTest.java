package dev.groot.spark.job;

import dev.groot.model.tagger.ModelIO;
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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scheduled retraining: promotion rules, the atomic pointer, pruning, history, the lock. */
@Tag("spark")
class RetrainJobTest {

    @TempDir
    static java.nio.file.Path tmp;
    static SparkSession spark;
    static String data;

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
    void retrainPromotesGuardsAndRecords() {
        String home = tmp.resolve("home").toString();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        GrootRunConfig template = SparkTestData.config(data, "ignored", 1, true);
        assertNull(RetrainJob.currentProduction(new Path(home), conf));

        RetrainJob.Outcome first = RetrainJob.run(spark, home, template, 1, s -> { });
        assertTrue(first.promoted(), "the first retrain has nothing to beat: " + first.reason());
        assertNull(first.rewardBefore());
        String production = RetrainJob.currentProduction(new Path(home), conf);
        assertEquals(first.productionModel(), production);
        assertNotNull(ModelIO.load(production, conf));

        // Warm-starts from production; promoted only if at least as good on the same dev data.
        RetrainJob.Outcome second = RetrainJob.run(spark, home, template, 1, s -> { });
        assertNotNull(second.rewardBefore());
        assertEquals(second.rewardAfter() >= second.rewardBefore(), second.promoted(), second.reason());
        String after = RetrainJob.currentProduction(new Path(home), conf);
        assertEquals(second.promoted() ? second.productionModel() : production, after);
        File[] models = new File(tmp.resolve("home/models").toString()).listFiles((d, n) -> n.endsWith(".groot"));
        assertEquals(1, models.length, "--keep 1 keeps only the production model");

        Dataset<Row> history = spark.read().parquet(home + "/history");
        assertEquals(2, history.count());
        List<Row> rows = history.orderBy("time").collectAsList();
        assertTrue(rows.get(0).<Boolean>getAs("promoted"));
        assertEquals(second.promoted(), rows.get(1).<Boolean>getAs("promoted"));
        assertTrue(rows.get(1).<String>getAs("data_hash").endsWith("/" + (64 + 24)), rows.get(1).toString());

        try (RunLock held = RunLock.acquire(new Path(home, "_lock"), conf)) {
            IllegalStateException busy = assertThrows(IllegalStateException.class,
                    () -> RetrainJob.run(spark, home, template, 1, s -> { }));
            assertTrue(busy.getMessage().contains("in use by another groot process"), busy.getMessage());
        }
    }
}
