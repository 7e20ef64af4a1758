package dev.groot.spark.reliability;

import dev.groot.spark.job.SparkTestData;
import dev.groot.spark.store.RunManifest;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real {@code groot train} JVM is SIGKILLed at each stage of GROOT iteration 1 and the same
 * command is run again: it takes over the dead process's lock, resumes after iteration 0, and
 * ends with exactly the candidates of an uninterrupted run, and its metrics and checkpoint
 * parameters within {@link #TOLERANCE} (the iteration-1 update runs through DL4J's Spark trainer).
 * The NLL warm start (iteration 0) is trained once and copied into every run directory, so each
 * case pays only for iteration 1.
 */
@Tag("fault")
@Tag("slow")
@DisplayName("Driver killed (SIGKILL) and rerun")
@ExtendWith(ReliabilityResults.class)
class DriverKillTest {

    static final Duration TIMEOUT = Duration.ofMinutes(4);
    static final double TOLERANCE = 1e-6;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Configuration conf;
    static String data;
    static Path base;
    static String reference;
    static RunManifest referenceManifest;
    static List<String> referenceCandidates;

    @BeforeAll
    static void trainBaseAndReference() {
        spark = SparkTestData.session("local[2]");
        conf = spark.sparkContext().hadoopConfiguration();
        data = SparkTestData.writeSpanCorpus(spark, tmp.resolve("examples").toString(), 48, 16);
        base = tmp.resolve("base");
        run(TinyTrain.args(data, base.toString(), 0), Map.of());
        Path ref = tmp.resolve("reference");
        RunOutputs.copyRun(base, ref);
        reference = ref.toString();
        run(TinyTrain.args(data, reference, 1), Map.of());
        referenceManifest = RunOutputs.manifest(reference, conf);
        referenceCandidates = RunOutputs.candidates(spark, reference, 1);
        // A reference that learned nothing (dev reward 0) would let a broken resume pass.
        for (int t = 0; t <= 1; t++) {
            double dev = referenceManifest.iteration(t).devReward();
            assertTrue(dev > 0.2, "the reference learns: dev span F1 of iteration " + t + " is " + dev);
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @ParameterizedTest(name = "kill at {0}, rerun")
    @ValueSource(strings = {"after-generate", "during-write", "during-update", "during-checkpoint", "during-commit"})
    void killedDriverResumesWithNothingLost(String point) throws Exception {
        Path dir = tmp.resolve("run-" + point);
        RunOutputs.copyRun(base, dir);
        String run = dir.toString();
        List<String> args = TinyTrain.args(data, run, 1);

        long deadPid;
        try (GrootProcess victim = GrootProcess.start(tmp, args, Map.of("groot.fault.pauseAt", point))) {
            victim.awaitFaultPoint(point, TIMEOUT);
            deadPid = victim.pid();
            victim.kill();
        }
        Path lock = dir.resolve("_lock");
        assertTrue(Files.exists(lock), "a SIGKILLed driver leaves its lock behind");
        assertEquals(0, RunOutputs.manifest(run, conf).lastIteration(), "iteration 1 was not committed");

        GrootProcess rerun = run(args, Map.of());
        String log = rerun.stdout();
        assertTrue(log.contains("after committed iteration 0"), log);
        boolean candidatesWereCommitted = !point.equals("after-generate") && !point.equals("during-write");
        assertEquals(candidatesWereCommitted, log.contains("already stored"),
                "candidates are reused exactly when their write had been committed:\n" + log);
        assertFalse(Files.exists(lock), "the rerun released the lock it took over");

        RunOutputs.CandidateCounts counts = RunOutputs.counts(spark, run, 1);
        assertEquals(counts.rows(), counts.distinctKeys(), "no duplicated (example_id, rank)");
        assertEquals(referenceCandidates, RunOutputs.candidates(spark, run, 1), "same rows as the uninterrupted run");
        RunManifest resumed = RunOutputs.manifest(run, conf);
        assertEquals(1, resumed.lastIteration());
        RunOutputs.assertSameMetrics(referenceManifest, resumed, TOLERANCE);
        RunOutputs.assertSameCheckpoint(reference, run, conf, TOLERANCE);
        RunOutputs.assertModelLoads(run, conf);
        assertTrue(Files.exists(dir.resolve("summary.json")), "the run summary is written");

        ReliabilityResults.outcome(String.format("pid %d killed at %s; rerun took over the stale lock, %s; "
                        + "%d candidate rows = %d distinct keys = reference; dev %s = %.4f (reference %.4f)",
                deadPid, point, candidatesWereCommitted ? "reused the committed candidates" : "regenerated the candidates",
                counts.rows(), counts.distinctKeys(), "span-fbeta", resumed.iteration(1).devReward(),
                referenceManifest.iteration(1).devReward()));
    }

    /** Shares this class's warm-started base: a second train on a run held by a live process. */
    @org.junit.jupiter.api.Test
    @DisplayName("second groot train on a run in use")
    @ReliabilityResults.Area("Two processes on one run directory")
    void secondProcessOnTheSameRunRefuses() {
        Path dir = tmp.resolve("run-locked");
        RunOutputs.copyRun(base, dir);
        List<String> args = TinyTrain.args(data, dir.toString(), 1);
        try (GrootProcess holder = GrootProcess.start(tmp, args, Map.of("groot.fault.pauseAt", "after-generate"))) {
            holder.awaitFaultPoint("after-generate", TIMEOUT);
            Cli second = Cli.run(args.toArray(new String[0]));
            String line = second.oneErrorLine();
            assertEquals(1, second.exitCode());
            assertTrue(line.contains(dir + " is in use by another groot process (pid=" + holder.pid()), line);
            assertTrue(holder.stdout().contains(GrootProcess.MARKER + "after-generate"), "the holder is untouched");
            ReliabilityResults.outcome(line.replaceAll(" since=\\S+ jvm=[^)]+", ""));
        }
        assertEquals(0, RunOutputs.manifest(dir.toString(), conf).lastIteration(), "the refused process changed nothing");
    }

    static GrootProcess run(List<String> args, Map<String, String> props) {
        GrootProcess p = GrootProcess.start(tmp, args, props);
        int code = p.await(TIMEOUT);
        assertEquals(0, code, () -> "groot " + args + " failed:\n" + p.stdout() + "\n" + p.stderr());
        return p;
    }
}
