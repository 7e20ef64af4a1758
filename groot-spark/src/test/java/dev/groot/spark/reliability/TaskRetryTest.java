package dev.groot.spark.reliability;

import dev.groot.model.tagger.ModelIO;
import dev.groot.spark.job.GrootTrainJob;
import dev.groot.spark.job.SparkTestData;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first attempt of every generate task and every update (parameter-averaging) task fails;
 * with {@code local[2,4]} Spark retries them, and the run must equal one without failures:
 * same candidates, same trained parameters, same metrics.
 */
@Tag("fault")
@Tag("spark")
@DisplayName("Task failures retried by Spark")
@ExtendWith(ReliabilityResults.class)
class TaskRetryTest {

    static final String MASTER = "local[2,4]";

    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
        spark = SparkTestData.session(MASTER);
        assertEquals(MASTER, spark.sparkContext().master(), "retries need a master with maxFailures > 1");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    @DisplayName("first attempt of every generate and update task fails")
    void failedFirstAttemptsChangeNothing() throws Exception {
        String data = SparkTestData.writeSpanCorpus(spark, tmp.resolve("examples").toString(), 48, 16);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String clean = tmp.resolve("clean").toString();
        String faulty = tmp.resolve("faulty").toString();

        new GrootTrainJob(spark, SparkTestData.config(data, clean, 1, false), s -> { }).run();

        InjectedFailures failures = new InjectedFailures();
        spark.sparkContext().addSparkListener(failures);
        System.setProperty("groot.fault.failFirstAttempt", "generate,update");
        try {
            new GrootTrainJob(spark, SparkTestData.config(data, faulty, 1, false), s -> { }).run();
        } finally {
            System.clearProperty("groot.fault.failFirstAttempt");
            spark.sparkContext().listenerBus().waitUntilEmpty();
            spark.sparkContext().removeSparkListener(failures);
        }
        assertTrue(failures.generate.get() > 0, "generate tasks failed and were retried");
        assertTrue(failures.update.get() > 0, "update tasks failed and were retried");

        assertEquals(RunOutputs.candidates(spark, clean, 1), RunOutputs.candidates(spark, faulty, 1),
                "identical candidates");
        RunLayout a = new RunLayout(clean);
        RunLayout b = new RunLayout(faulty);
        for (int t = 0; t <= 1; t++) {
            INDArray pa = ModelIO.load(a.model(t).toString(), conf).networkCopy().params();
            INDArray pb = ModelIO.load(b.model(t).toString(), conf).networkCopy().params();
            assertEquals(pa, pb, "identical parameters after iteration " + t);
        }
        RunManifest ma = RunOutputs.manifest(clean, conf);
        RunManifest mb = RunOutputs.manifest(faulty, conf);
        RunOutputs.assertSameMetrics(ma, mb, 0.0);
        ReliabilityResults.outcome(String.format("%d generate and %d update task attempts failed and were retried; "
                        + "candidates, parameters (iterations 0 and 1) and dev metrics identical to a run without failures",
                failures.generate.get(), failures.update.get()));
    }

    /** Counts task attempts that failed through the injected fault, per stage. */
    static final class InjectedFailures extends SparkListener {
        final AtomicInteger generate = new AtomicInteger();
        final AtomicInteger update = new AtomicInteger();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.reason() instanceof ExceptionFailure f && f.description().contains("injected fault")) {
                (f.description().contains("update") ? update : generate).incrementAndGet();
            }
        }
    }
}
