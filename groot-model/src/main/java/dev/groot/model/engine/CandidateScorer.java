package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.reward.CandidateRewards;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.List;

/**
 * METHOD.md step 3, score: every candidate without a model score (corrected and gold ones) gets
 * s(c) from one teacher-forced pass over the whole batch, then every candidate gets
 * r(c) = R(c, y*) through {@link CandidateRewards} (which refuses a reward outside [0, 1]).
 */
public final class CandidateScorer {

    private CandidateScorer() {
    }

    /** @param sets per example (in batch order) its candidate set; scored sets come back in the same order */
    public static List<List<Candidate>> score(TaggerModel model, List<Example> batch, List<List<Candidate>> sets,
                                              Reward reward) {
        List<List<String>> tokens = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            for (Candidate c : sets.get(i)) {
                if (Double.isNaN(c.logProb())) {
                    tokens.add(batch.get(i).tokens());
                    tags.add(c.tags());
                }
            }
        }
        double[] scores = tags.isEmpty() ? new double[0] : model.logProbs(tokens, tags);
        List<List<Candidate>> out = new ArrayList<>(batch.size());
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
            List<Candidate> withScores = new ArrayList<>(sets.get(i).size());
            for (Candidate c : sets.get(i)) {
                withScores.add(Double.isNaN(c.logProb()) ? c.withLogProb(scores[next++]) : c);
            }
            out.add(CandidateRewards.score(withScores, batch.get(i).tags(), reward));
        }
        return out;
    }
}
