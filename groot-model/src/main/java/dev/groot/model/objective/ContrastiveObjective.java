package dev.groot.model.objective;

import java.io.Serializable;

/**
 * Turns one example's candidate set into per-candidate weights w_c such that the gradient of the
 * objective equals sum_c w_c * grad NLL(c) (METHOD.md step 4). The gold term lambda * NLL(gold)
 * is included in the gold candidate's weight.
 */
public interface ContrastiveObjective extends Serializable {

    /**
     * @param rewards  r(c) per candidate
     * @param logProbs s(c) per candidate under the current model
     * @param goldIndex index of the gold candidate in the arrays, or -1 if absent
     * @return w_c per candidate (same order)
     */
    double[] weights(double[] rewards, double[] logProbs, int goldIndex);

    /** The objective's value for the same inputs (for logging and gradient checks). */
    double loss(double[] rewards, double[] logProbs, int goldIndex);
}
