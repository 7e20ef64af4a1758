package dev.groot.model.inference;

import dev.groot.model.reward.Reward;

import java.io.Serializable;
import java.util.List;

/**
 * Minimum-Bayes-risk selection among a top-K list: picks argmax_c sum_c' p(c') R(gold = c',
 * predicted = c), each candidate c scored as if every other candidate c' were the truth, weighted
 * by the model's renormalised probability p (see {@link TopKDistribution}). The reward is called
 * gold first, as everywhere in groot. Ties go to the earlier candidate (beam order), so a flat
 * expected reward falls back to the most likely candidate.
 */
public final class MbrSelector implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Reward reward;
    private final double temperature;

    public MbrSelector(Reward reward, double temperature) {
        if (reward == null) {
            throw new IllegalArgumentException("MBR needs a reward");
        }
        TopKDistribution.checkTemperature(temperature);
        this.reward = reward;
        this.temperature = temperature;
    }

    public Reward reward() {
        return reward;
    }

    public double temperature() {
        return temperature;
    }

    /** Expected reward of each candidate under the top-K distribution, in candidate order. */
    public double[] expectedRewards(List<List<String>> candidates, double[] logProbs) {
        if (candidates.size() != logProbs.length) {
            throw new IllegalArgumentException(candidates.size() + " candidates but " + logProbs.length
                    + " log-probabilities");
        }
        double[] p = TopKDistribution.probabilities(logProbs, temperature);
        double[] expected = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            double sum = 0;
            for (int truth = 0; truth < candidates.size(); truth++) {
                sum += p[truth] * reward.score(candidates.get(truth), candidates.get(c));
            }
            expected[c] = sum;
        }
        return expected;
    }

    /** Index of the candidate with the highest expected reward (the first one on ties). */
    public int select(List<List<String>> candidates, double[] logProbs) {
        double[] expected = expectedRewards(candidates, logProbs);
        int best = 0;
        for (int c = 1; c < expected.length; c++) {
            if (expected[c] > expected[best]) {
                best = c;
            }
        }
        return best;
    }
}
