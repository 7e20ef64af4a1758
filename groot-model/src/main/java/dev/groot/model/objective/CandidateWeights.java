package dev.groot.model.objective;

import dev.groot.model.data.Candidate;

import java.util.ArrayList;
import java.util.List;

/**
 * METHOD.md step 4 on an example's candidates: reads r(c) and s(c), asks the objective for the
 * weights and returns the candidates with w_c filled in. The gold candidate is the one whose tags
 * equal gold, whatever its origin (when beam search found gold it stays a BEAM candidate).
 */
public final class CandidateWeights {
    private CandidateWeights() {
    }

    public static List<Candidate> weigh(List<Candidate> candidates, List<String> gold, ContrastiveObjective objective) {
        int n = candidates.size();
        double[] rewards = new double[n];
        double[] logProbs = new double[n];
        int goldIndex = -1;
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            rewards[i] = c.reward();
            logProbs[i] = c.logProb();
            if (goldIndex < 0 && c.tags().equals(gold)) {
                goldIndex = i;
            }
        }
        double[] w;
        try {
            w = objective.weights(rewards, logProbs, goldIndex);
        } catch (IllegalArgumentException e) {
            String id = n == 0 ? "?" : candidates.get(0).exampleId();
            throw new IllegalArgumentException("example " + id + ": " + e.getMessage(), e);
        }
        List<Candidate> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(candidates.get(i).withWeight(w[i]));
        }
        return out;
    }
}
