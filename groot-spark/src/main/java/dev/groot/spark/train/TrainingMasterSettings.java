package dev.groot.spark.train;

import java.io.Serializable;

/**
 * Every setting of DL4J's ParameterAveragingTrainingMaster that groot exposes, validated in one
 * place. One MultiDataSet in the training RDD holds exactly {@code batchSizePerWorker} sequences
 * (the partition's last one may hold fewer), so the master never has to re-batch.
 *
 * @param workers            Spark task slots that train in parallel (null = the context's default parallelism)
 * @param batchSizePerWorker sequences per fit() call on a worker
 * @param averagingFrequency minibatches each worker fits between two parameter averagings
 * @param prefetchBatches    minibatches prefetched asynchronously on each worker (0 = off)
 * @param rddApproach        {@code export} (minibatches written to files once per epoch, each averaging round
 *                           reads its own) or {@code direct} (every round filters the whole minibatch RDD:
 *                           quadratic in the data, for tests and tiny data)
 * @param exportDirectory    fully qualified shared directory for the export approach (e.g. hdfs://...);
 *                           null = a temporary local directory, allowed only with a local master
 */
public record TrainingMasterSettings(Integer workers, int batchSizePerWorker, int averagingFrequency,
                                     int prefetchBatches, String rddApproach, String exportDirectory,
                                     long seed) implements Serializable {

    public TrainingMasterSettings {
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        if (batchSizePerWorker < 1) {
            throw new IllegalArgumentException("batch size per worker must be >= 1, got " + batchSizePerWorker);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("averaging frequency must be >= 1, got " + averagingFrequency);
        }
        if (prefetchBatches < 0) {
            throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetchBatches);
        }
        if (!"direct".equals(rddApproach) && !"export".equals(rddApproach)) {
            throw new IllegalArgumentException("rdd approach must be direct or export, got " + rddApproach);
        }
        if ("export".equals(rddApproach) && exportDirectory != null && !exportDirectory.contains("://")) {
            throw new IllegalArgumentException(
                    "the export approach needs a fully qualified shared --export-dir (e.g. hdfs://nn/tmp/groot)");
        }
    }

    /**
     * Chosen by measurement (docs/results/spark-convergence.md, brown-pos convergence runs and the
     * bench): 64 sentences per worker and averaging every 5 minibatches keep a round's fixed cost
     * (parameters and Adam state out and back, a fresh worker graph) small against its fits, where
     * 32 and every minibatch ran at a third of the speed; with twice the one-JVM learning rate.
     */
    public static final int DEFAULT_BATCH_PER_WORKER = 64;
    public static final int DEFAULT_AVERAGING_FREQUENCY = 5;
    public static final double DEFAULT_LEARNING_RATE = 0.004;

    /** Minibatches written once per epoch, the sizes above. */
    public static TrainingMasterSettings defaults(long seed) {
        return new TrainingMasterSettings(null, DEFAULT_BATCH_PER_WORKER, DEFAULT_AVERAGING_FREQUENCY, 2, "export",
                null, seed);
    }
}
