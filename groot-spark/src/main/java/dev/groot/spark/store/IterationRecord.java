package dev.groot.spark.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the manifest records of one committed iteration.
 *
 * @param model         path of the checkpoint, relative to RUN_DIR
 * @param modelSha256   checksum of the checkpoint file, verified on resume
 * @param candidateRows rows written to iteration=N/candidates (0 for iteration 0)
 * @param devReward     the selection value: dev top-1 corpus metric of the training reward
 * @param devMetrics    every dev metric of the iteration (metric name -> value)
 * @param seconds       wall time per stage (generate, write, update, evaluate, checkpoint, ...)
 * @param counts        what the iteration left out on the way, counted (IterationCounts#named):
 *                      invalid_bio_dropped, update_rows, update_rows_left_out; a name is absent when
 *                      its figure is unknown (manifests written before counts existed read as empty)
 */
public record IterationRecord(int iteration, String model, String modelSha256, long candidateRows,
                              double devReward, Map<String, Double> devMetrics, Map<String, Double> seconds,
                              String committedAt, Map<String, Long> counts) {

    public IterationRecord {
        // insertion order kept, so the manifest lists the counts in the order IterationCounts names them
        counts = counts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }
}
