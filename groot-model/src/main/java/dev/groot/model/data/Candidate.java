package dev.groot.model.data;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One candidate tag sequence for one example, as it moves through an iteration:
 * generated (tags, logProb), corrected (logProb filled by a teacher-forced pass), scored (reward),
 * contrasted (weight). Unknown numeric fields are NaN. Immutable; the {@code with*} methods copy.
 *
 * @param rank     0-based position in the example's candidate list (beam order first, then the
 *                 corrected candidates, then gold), stable for a given seed
 * @param logProb  s(c) = log p(c | x) under the model of this iteration
 * @param reward   {@code Reward.score(gold, tags)} in [0, 1]
 * @param weight   per-sequence weight of the contrastive update (may be negative)
 */
public record Candidate(String exampleId, int rank, Origin origin, List<String> tags,
                        double logProb, double reward, double weight) implements Serializable {

    public Candidate {
        Objects.requireNonNull(exampleId, "exampleId");
        Objects.requireNonNull(origin, "origin");
        tags = List.copyOf(tags);
    }

    public static Candidate of(String exampleId, int rank, Origin origin, List<String> tags, double logProb) {
        return new Candidate(exampleId, rank, origin, tags, logProb, Double.NaN, Double.NaN);
    }

    public Candidate withRank(int newRank) {
        return new Candidate(exampleId, newRank, origin, tags, logProb, reward, weight);
    }

    public Candidate withLogProb(double newLogProb) {
        return new Candidate(exampleId, rank, origin, tags, newLogProb, reward, weight);
    }

    public Candidate withReward(double newReward) {
        return new Candidate(exampleId, rank, origin, tags, logProb, newReward, weight);
    }

    public Candidate withWeight(double newWeight) {
        return new Candidate(exampleId, rank, origin, tags, logProb, reward, newWeight);
    }
}
