package dev.groot.model.reward;

import dev.groot.model.data.Candidate;

import java.util.ArrayList;
import java.util.List;

/** METHOD.md step 3: fills r(c) = R(c, y*), i.e. {@code reward.score(gold, c.tags())}, into an example's candidates. */
public final class CandidateRewards {
    private CandidateRewards() {
    }

    public static List<Candidate> score(List<Candidate> candidates, List<String> gold, Reward reward) {
        List<Candidate> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            double r = reward.score(gold, c.tags());
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalStateException("reward " + reward.name() + " returned " + r + " for example "
                        + c.exampleId() + " candidate " + c.rank() + "; rewards must be in [0, 1]");
            }
            out.add(c.withReward(r));
        }
        return out;
    }
}
