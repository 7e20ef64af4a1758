package dev.groot.spark.job;

import java.io.Serializable;

/**
 * How long and on what a run trains.
 *
 * @param iterations        GROOT iterations after the NLL warm start (0 = NLL only)
 * @param patience          stop when the dev reward has not improved for this many iterations
 * @param nllEpochs         epochs of the NLL warm start (early-stopped by nllPatience)
 * @param updateEpochs      epochs over the weighted candidates per GROOT iteration
 * @param updateLearningRate learning rate of the contrastive update (NaN = the tagger's own)
 * @param minUpdateWeight   candidates with |weight| below this are left out of the update (0 = keep
 *                          every non-zero weight); their gradient share is at most |weight| each
 * @param maxTrainSentences cap on training sentences (0 = all), for experiments
 * @param localUpdater      train in the driver JVM instead of DL4J's Spark trainer (tests, tiny data)
 * @param continueOptimizerState each update starts from the optimizer state (Adam moments, iteration
 *                          count) stored with the model it updates, when it holds one, instead of a
 *                          fresh state
 */
public record ScheduleConfig(int iterations, int patience, int nllEpochs, int nllPatience, int updateEpochs,
                             double updateLearningRate, double minUpdateWeight, int maxTrainSentences,
                             boolean localUpdater, boolean continueOptimizerState) implements Serializable {

    /** A schedule whose updates start a fresh optimizer state. */
    public ScheduleConfig(int iterations, int patience, int nllEpochs, int nllPatience, int updateEpochs,
                          double updateLearningRate, double minUpdateWeight, int maxTrainSentences, boolean localUpdater) {
        this(iterations, patience, nllEpochs, nllPatience, updateEpochs, updateLearningRate, minUpdateWeight,
                maxTrainSentences, localUpdater, false);
    }

    public ScheduleConfig {
        if (iterations < 0) {
            throw new IllegalArgumentException("--iterations must be >= 0, got " + iterations);
        }
        if (patience < 1 || nllPatience < 1) {
            throw new IllegalArgumentException("--patience must be >= 1");
        }
        if (nllEpochs < 1 || updateEpochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1");
        }
        if (!(minUpdateWeight >= 0)) {
            throw new IllegalArgumentException("--min-update-weight must be >= 0, got " + minUpdateWeight);
        }
        if (maxTrainSentences < 0) {
            throw new IllegalArgumentException("--max-train must be >= 0, got " + maxTrainSentences);
        }
    }
}
