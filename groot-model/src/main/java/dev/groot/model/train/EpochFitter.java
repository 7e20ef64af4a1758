package dev.groot.model.train;

import org.deeplearning4j.nn.graph.ComputationGraph;

/** One pass over training data that is bound at construction (local or Spark). */
public interface EpochFitter {
    /**
     * Trains {@code net} in place for one epoch.
     *
     * @param epoch 1-based epoch number (seeds the shuffle)
     * @return the mean training loss of the epoch
     */
    double fitEpoch(ComputationGraph net, int epoch);

    /** Tokens seen per epoch, for tokens/s in the progress line; -1 if unknown. */
    default long tokensPerEpoch() {
        return -1;
    }
}
