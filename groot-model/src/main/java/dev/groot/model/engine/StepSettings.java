package dev.groot.model.engine;

import java.io.Serializable;

/**
 * How one iteration generates candidates.
 *
 * @param k              beam candidates kept per sentence (K)
 * @param beamWidth      beam width B >= K
 * @param constrainBio   forbid invalid BIO transitions while decoding (BIO tag sets only)
 * @param runSeed        the run's seed; corrections are seeded by (runSeed, iteration, id, rank)
 * @param iteration      the iteration being generated
 * @param batchSentences sentences decoded together in one batched beam search
 */
public record StepSettings(int k, int beamWidth, boolean constrainBio, long runSeed, int iteration,
                           int batchSentences) implements Serializable {
    public StepSettings {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be >= 1, got " + k);
        }
        if (beamWidth < k) {
            throw new IllegalArgumentException("--beam must be >= --k (" + k + "), got " + beamWidth);
        }
        if (batchSentences < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batchSentences);
        }
    }

    public StepSettings forIteration(int t) {
        return new StepSettings(k, beamWidth, constrainBio, runSeed, t, batchSentences);
    }
}
