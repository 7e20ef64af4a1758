package dev.groot.spark.reliability;

import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.RunLayout;
import dev.groot.spark.store.RunManifest;
import dev.groot.spark.store.RunManifests;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a run left on disk, in forms two runs can be compared by. */
final class RunOutputs {

    private RunOutputs() {
    }

    /** Rows and distinct (example_id, rank) keys of one iteration's candidates. */
    record CandidateCounts(long rows, long distinctKeys) {
    }

    static CandidateCounts counts(SparkSession spark, String run, int iteration) {
        Dataset<Row> c = spark.read().parquet(new RunLayout(run).candidates(iteration).toString());
        return new CandidateCounts(c.count(), c.select("example_id", "rank").distinct().count());
    }

    /**
     * Every candidate of an iteration as one sorted line each (run_id left out: it names the run).
     * Two runs with the same seed and input must produce the same list.
     */
    static List<String> candidates(SparkSession spark, String run, int iteration) {
        List<String> lines = new ArrayList<>();
        for (Row r : spark.read().parquet(new RunLayout(run).candidates(iteration).toString()).collectAsList()) {
            lines.add(String.format(Locale.ROOT, "%s|%d|%s|%s|%.9f|%.9f|%.9f", r.getAs("example_id"),
                    r.<Integer>getAs("rank"), r.getAs("origin"), r.getList(r.fieldIndex("tags")),
                    r.<Double>getAs("log_prob"), r.<Double>getAs("reward"), r.<Double>getAs("weight")));
        }
        lines.sort(null);
        return lines;
    }

    static RunManifest manifest(String run, Configuration conf) {
        return RunManifests.latest(new RunLayout(run), conf).orElseThrow(() -> new AssertionError("no manifest in " + run));
    }

    /** The committed dev metrics of the last iteration must match the reference within tolerance. */
    static void assertSameMetrics(RunManifest expected, RunManifest actual, double tolerance) {
        IterationRecord e = expected.iteration(expected.lastIteration());
        IterationRecord a = actual.iteration(actual.lastIteration());
        assertEquals(e.iteration(), a.iteration());
        assertEquals(e.devReward(), a.devReward(), tolerance, "dev reward");
        assertEquals(e.devMetrics().keySet(), a.devMetrics().keySet());
        for (Map.Entry<String, Double> m : e.devMetrics().entrySet()) {
            assertEquals(m.getValue(), a.devMetrics().get(m.getKey()), tolerance, m.getKey());
        }
    }

    /**
     * The last checkpoint of {@code run} has the vocabularies of the reference's and parameters
     * within {@code tolerance} of them (0 = bitwise equal parameters).
     */
    static void assertSameCheckpoint(String reference, String run, Configuration conf, double tolerance) {
        int t = manifest(reference, conf).lastIteration();
        assertEquals(t, manifest(run, conf).lastIteration());
        TaggerModel e = ModelIO.load(new RunLayout(reference).model(t).toString(), conf);
        TaggerModel a = ModelIO.load(new RunLayout(run).model(t).toString(), conf);
        assertEquals(e.vocabularies().words(), a.vocabularies().words());
        assertEquals(e.vocabularies().tags(), a.vocabularies().tags());
        float[] pe = e.networkCopy().params().toFloatVector();
        float[] pa = a.networkCopy().params().toFloatVector();
        assertEquals(pe.length, pa.length);
        double maxDiff = 0;
        for (int i = 0; i < pe.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(pe[i] - pa[i]));
        }
        assertTrue(maxDiff <= tolerance, "checkpoint " + t + " parameters differ from the reference by up to " + maxDiff);
    }

    /** The best model and the last checkpoint load and tag a sentence. */
    static TaggerModel assertModelLoads(String run, Configuration conf) {
        RunLayout layout = new RunLayout(run);
        TaggerModel last = ModelIO.load(layout.model(manifest(run, conf).lastIteration()).toString(), conf);
        assertFalse(last.topK(List.of(List.of("Mr", "John", "sees")), 1, 1, true).isEmpty());
        TaggerModel best = ModelIO.load(layout.best().toString(), conf);
        assertNotNull(best);
        return last;
    }

    /** Copies a local run directory without its lock (a fresh start from the same committed state). */
    static void copyRun(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (p.getFileName().toString().equals("_lock")) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + from + " to " + to, e);
        }
    }
}
