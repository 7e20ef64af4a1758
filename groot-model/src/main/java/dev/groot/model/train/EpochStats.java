package dev.groot.model.train;

/**
 * One epoch of training.
 *
 * @param tokensPerSecond NaN when the fitter does not know its token count
 */
public record EpochStats(int epoch, double loss, double devMetric, double seconds, double examplesPerSecond,
                         double tokensPerSecond) {
}
