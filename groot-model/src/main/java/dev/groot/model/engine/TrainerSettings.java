package dev.groot.model.engine;

import java.util.Map;

/**
 * The run loop's own options.
 *
 * @param iterations         GROOT iterations after the warm start (0 = warm start only)
 * @param patience           stop when the dev selection value has not improved for this many iterations
 * @param updateEpochs       epochs over the weighted candidates per iteration
 * @param updateLearningRate learning rate of the update (NaN = the tagger's own)
 * @param selectionName      how the progress log names the selection reward
 * @param provenance         how the run trains (reward, objective, tau_r, ...): recorded in every
 *                           checkpoint's model manifest next to its iteration
 */
public record TrainerSettings(int iterations, int patience, int updateEpochs, double updateLearningRate,
                              String selectionName, Map<String, String> provenance) {
    public TrainerSettings {
        provenance = Map.copyOf(provenance);
        if (iterations < 0) {
            throw new IllegalArgumentException("--iterations must be >= 0, got " + iterations);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("--patience must be >= 1, got " + patience);
        }
        if (updateEpochs < 1) {
            throw new IllegalArgumentException("update epochs must be >= 1, got " + updateEpochs);
        }
    }
}
