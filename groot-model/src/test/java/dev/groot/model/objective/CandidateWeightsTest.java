package dev.groot.model.objective;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Origin;
import dev.groot.model.reward.CandidateRewards;
import dev.groot.model.reward.TokenAccuracyReward;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CandidateWeightsTest {

    @Test
    void scoresAndWeighsWithGoldFoundByTags() {
        List<String> gold = List.of("A", "B");
        List<Candidate> cands = List.of(
                Candidate.of("e", 0, Origin.BEAM, List.of("A", "B"), -0.5), // gold found by beam search
                Candidate.of("e", 1, Origin.BEAM, List.of("A", "x"), -1.5),
                Candidate.of("e", 2, Origin.CORRECTED, List.of("x", "x"), -4));
        List<Candidate> scored = CandidateRewards.score(cands, gold, new TokenAccuracyReward());
        KlObjective kl = new KlObjective(0.5, 1, 0.3);
        List<Candidate> weighted = CandidateWeights.weigh(scored, gold, kl);
        double[] expected = kl.weights(new double[]{1, 0.5, 0}, new double[]{-0.5, -1.5, -4}, 0);
        assertArrayEquals(expected, weighted.stream().mapToDouble(Candidate::weight).toArray(), 0);
        assertArrayEquals(new double[]{1, 0.5, 0}, weighted.stream().mapToDouble(Candidate::reward).toArray(), 0);
    }

    @Test
    void unscoredCandidateNamesTheExample() {
        List<Candidate> cands = List.of(Candidate.of("ex-7", 0, Origin.GOLD, List.of("A"), Double.NaN).withReward(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CandidateWeights.weigh(cands, List.of("A"), new KlObjective(1, 1, 0)));
        assertTrue(e.getMessage().startsWith("example ex-7: candidate 0 has log-prob NaN"), e.getMessage());
    }
}
