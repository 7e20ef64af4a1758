package dev.groot.model.train;

import dev.groot.model.tagger.TaggerModel;

import java.util.List;

/**
 * @param best       the model of the best epoch by the dev metric (the initial model if no epoch beat it)
 * @param bestEpoch  1-based; 0 means the initial model was kept
 * @param history    every epoch run, in order
 * @param stoppedEarly true if patience ran out before maxEpochs
 */
public record TrainingResult(TaggerModel best, int bestEpoch, double bestDevMetric, List<EpochStats> history,
                             boolean stoppedEarly) {
    public TrainingResult {
        history = List.copyOf(history);
    }
}
