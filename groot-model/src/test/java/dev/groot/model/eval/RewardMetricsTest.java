package dev.groot.model.eval;

import dev.groot.model.reward.Reward;
import dev.groot.model.reward.Rewards;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardMetricsTest {

    // gold: one PER span and one LOC span; predicted finds PER, misses LOC, adds a wrong LOC.
    static final List<String> GOLD = List.of("B-PER", "I-PER", "O", "B-LOC", "O");
    static final List<String> PRED = List.of("B-PER", "I-PER", "B-LOC", "O", "O");
    static final CorpusMetrics COUNTS = CorpusMetrics.of(GOLD, PRED);

    @Test
    void builtInsAreMicroAveragesOfTheCounts() {
        // precision 1/2, recall 1/2; F-beta of P = R is P for every beta.
        assertEquals(0.5, RewardMetrics.corpusValue(Rewards.parse("span-fbeta:beta=0.5"), COUNTS, -1), 1e-12);
        assertEquals(0.5, RewardMetrics.corpusValue(Rewards.parse("span-precision"), COUNTS, -1), 1e-12);
        assertEquals(0.5, RewardMetrics.corpusValue(Rewards.parse("span-recall"), COUNTS, -1), 1e-12);
        assertEquals(3.0 / 5, RewardMetrics.corpusValue(Rewards.parse("token-accuracy"), COUNTS, -1), 1e-12);
        assertEquals(0.0, RewardMetrics.corpusValue(Rewards.parse("exact-match"), COUNTS, -1), 1e-12);
        assertTrue(RewardMetrics.isCorpusLevel(Rewards.parse("exact-match")));
    }

    @Test
    void aUsersRewardIsTheMeanOfItsSentences() {
        Reward own = new Reward() {
            @Override
            public String name() {
                return "own";
            }

            @Override
            public double score(List<String> gold, List<String> predicted) {
                return 0.25;
            }
        };
        assertFalse(RewardMetrics.isCorpusLevel(own));
        assertEquals(0.7, RewardMetrics.corpusValue(own, COUNTS, 0.7), 0.0);
    }
}
