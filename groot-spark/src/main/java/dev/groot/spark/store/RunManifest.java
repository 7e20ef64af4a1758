package dev.groot.spark.store;

import dev.groot.spark.io.GrootSchemas;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The run's commit log: its options and every committed iteration. An iteration exists for a
 * resumed run exactly when it is in the newest valid manifest.
 *
 * @param options     the options that define the run (a rerun with different ones is refused)
 * @param bestIteration iteration whose model RUN_DIR/best holds, -1 before iteration 0 commits
 */
public record RunManifest(int schemaVersion, String runId, String createdAt, Map<String, String> options,
                          List<IterationRecord> iterations, int bestIteration) {

    public static final int SCHEMA_VERSION = GrootSchemas.VERSION;

    public RunManifest {
        iterations = List.copyOf(iterations);
        options = Map.copyOf(options);
    }

    public int lastIteration() {
        return iterations.isEmpty() ? -1 : iterations.get(iterations.size() - 1).iteration();
    }

    public IterationRecord iteration(int n) {
        return iterations.stream().filter(r -> r.iteration() == n).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("iteration " + n + " is not committed"));
    }

    public RunManifest withIteration(IterationRecord record, int newBest) {
        List<IterationRecord> next = new ArrayList<>(iterations);
        next.removeIf(r -> r.iteration() >= record.iteration());
        next.add(record);
        return new RunManifest(schemaVersion, runId, createdAt, options, next, newBest);
    }

    /** The manifest without its last iteration (used when that iteration's checkpoint is damaged). */
    public RunManifest withoutLast() {
        List<IterationRecord> next = new ArrayList<>(iterations);
        next.remove(next.size() - 1);
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (IterationRecord r : next) {
            if (r.devReward() > bestValue) {
                bestValue = r.devReward();
                best = r.iteration();
            }
        }
        return new RunManifest(schemaVersion, runId, createdAt, options, next, best);
    }
}
