package dev.groot.model.eval;

import dev.groot.model.reward.SpanFBetaReward;
import dev.groot.model.reward.TokenAccuracyReward;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopKMetricsTest {
    private static final double EPS = 1e-9;

    private static List<String> t(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void figuresPerRankByHand() {
        TopKMetrics m = new TopKMetrics(3);
        m.add(t("B-X O"), new double[]{1.0, 0.0, 0.5});
        m.add(t("O O"), new double[]{0.5, 1.0, 0.0});
        m.add(t("O O"), new double[]{0.25}); // only one candidate
        List<TopKRow> rows = m.rows();
        assertEquals(3, rows.size());
        // k = 1
        assertEquals((1.0 + 0.5 + 0.25) / 3, rows.get(0).meanRewardAtK(), EPS);
        assertEquals((1.0 + 0.5 + 0.25) / 3, rows.get(0).oracleAtK(), EPS);
        assertEquals((1.0 + 0.5 + 0.25) / 3, rows.get(0).meanRewardTopK(), EPS);
        // k = 2: the third sentence has no 2nd candidate
        assertEquals((0.0 + 1.0) / 2, rows.get(1).meanRewardAtK(), EPS);
        assertEquals(2, rows.get(1).sentencesAtK());
        assertEquals((1.0 + 1.0 + 0.25) / 3, rows.get(1).oracleAtK(), EPS);
        assertEquals((0.5 + 0.75 + 0.25) / 3, rows.get(1).meanRewardTopK(), EPS);
        // k = 3
        assertEquals((0.5 + 0.0) / 2, rows.get(2).meanRewardAtK(), EPS);
        assertEquals((1.0 + 1.0 + 0.25) / 3, rows.get(2).oracleAtK(), EPS);
        assertEquals((0.5 + 0.5 + 0.25) / 3, rows.get(2).meanRewardTopK(), EPS);
        // only the first sentence has a gold span
        assertEquals(1, m.sentencesWithGoldSpans());
        assertEquals(0.0, m.rowsWithGoldSpans().get(1).meanRewardAtK(), EPS);
        assertEquals(1.0, m.rowsWithGoldSpans().get(2).oracleAtK(), EPS);
        assertEquals(List.of("k", "mean_reward_at_k", "oracle_at_k", "mean_reward_top_k", "sentences_at_k"),
                List.copyOf(rows.get(0).toMap().keySet()));
    }

    @Test
    void scoresCandidatesWithTheRewardAndIgnoresRanksBeyondK() {
        TopKMetrics m = new TopKMetrics(2);
        m.add(t("B-X I-X O"), List.of(t("B-X I-X O"), t("B-X O O"), t("O O O")), new SpanFBetaReward(1));
        assertEquals(1.0, m.rows().get(0).meanRewardAtK(), EPS);
        assertEquals(0.0, m.rows().get(1).meanRewardAtK(), EPS);
        assertEquals(0.5, m.rows().get(1).meanRewardTopK(), EPS);
    }

    @Test
    void mergeIsExactWhateverThePartitioning() {
        Random random = new Random(5);
        double[][] rewards = new double[200][];
        for (int i = 0; i < rewards.length; i++) {
            rewards[i] = new double[1 + random.nextInt(4)];
            for (int j = 0; j < rewards[i].length; j++) {
                rewards[i][j] = random.nextDouble();
            }
        }
        List<String> gold = t("B-X O");
        TopKMetrics whole = new TopKMetrics(4);
        for (double[] r : rewards) {
            whole.add(gold, r);
        }
        for (int parts : new int[]{2, 3, 7}) {
            TopKMetrics merged = new TopKMetrics(4);
            for (int p = parts - 1; p >= 0; p--) { // merge in reverse order on purpose
                TopKMetrics part = new TopKMetrics(4);
                for (int i = p; i < rewards.length; i += parts) {
                    part.add(gold, rewards[i]);
                }
                merged.merge(part);
            }
            assertEquals(whole.rows(), merged.rows());
        }
        assertThrows(IllegalArgumentException.class, () -> whole.merge(new TopKMetrics(3)));
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new TopKMetrics(0));
        assertThrows(IllegalArgumentException.class, () -> new TopKMetrics(2).add(t("O"), new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new TopKMetrics(2).add(t("O"), new double[]{1.5}));
        assertThrows(IllegalArgumentException.class,
                () -> new TopKMetrics(2).add(t("O O"), List.of(t("O")), new TokenAccuracyReward()));
    }
}
