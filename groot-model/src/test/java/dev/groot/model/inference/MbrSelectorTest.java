package dev.groot.model.inference;

import dev.groot.model.reward.ExactMatchReward;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.Rewards;
import dev.groot.model.reward.SpanFBetaReward;
import dev.groot.model.reward.Spans;
import dev.groot.model.tagger.ScoredSequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MbrSelectorTest {

    private static final List<String> TAGS = List.of("O", "B-X", "I-X", "B-Y", "I-Y");

    private static List<String> t(String tags) {
        return List.of(tags.split(" "));
    }

    /** Distinct random tag sequences of one length (a beam never repeats a sequence). */
    private static List<List<String>> randomCandidates(Random random, int k, int length) {
        Set<List<String>> seen = new LinkedHashSet<>();
        int attempts = 0;
        while (seen.size() < k && attempts++ < 1000) {
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                tags.add(TAGS.get(random.nextInt(TAGS.size())));
            }
            seen.add(tags);
        }
        return new ArrayList<>(seen);
    }

    @Test
    void equalsBruteForceOnRandomSmallSets() {
        Random random = new Random(20261201L);
        List<Reward> rewards = List.of(new SpanFBetaReward(1), new SpanFBetaReward(0.5), new SpanFBetaReward(2),
                Rewards.parse("token-accuracy"), Rewards.parse("span-precision"));
        double[] temperatures = {0.5, 1.0, 3.0};
        int checked = 0;
        for (int trial = 0; trial < 400; trial++) {
            List<List<String>> cands = randomCandidates(random, 1 + random.nextInt(6), 1 + random.nextInt(5));
            double[] logProbs = new double[cands.size()];
            for (int i = 0; i < logProbs.length; i++) {
                logProbs[i] = -12 * random.nextDouble();
            }
            Reward reward = rewards.get(trial % rewards.size());
            double temperature = temperatures[trial % temperatures.length];

            // Brute force: plain exp / sum (no max shift), every candidate against every other.
            double z = 0;
            for (double lp : logProbs) {
                z += Math.exp(lp / temperature);
            }
            double[] expected = new double[cands.size()];
            for (int c = 0; c < cands.size(); c++) {
                for (int truth = 0; truth < cands.size(); truth++) {
                    expected[c] += Math.exp(logProbs[truth] / temperature) / z
                            * reward.score(cands.get(truth), cands.get(c));
                }
            }
            double best = Double.NEGATIVE_INFINITY;
            for (double e : expected) {
                best = Math.max(best, e);
            }

            MbrSelector mbr = new MbrSelector(reward, temperature);
            assertArrayEquals(expected, mbr.expectedRewards(cands, logProbs), 1e-9);
            int chosen = mbr.select(cands, logProbs);
            assertEquals(best, expected[chosen], 1e-12, "trial " + trial);
            // the first of the candidates reaching the maximum
            for (int c = 0; c < chosen; c++) {
                assertTrue(expected[c] < best, "trial " + trial + ": candidate " + c + " ties the best but comes first");
            }
            checked++;
        }
        assertEquals(400, checked);
    }

    @Test
    void exactMatchRewardIsMap() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<List<String>> cands = randomCandidates(random, 1 + random.nextInt(6), 2 + random.nextInt(4));
            List<ScoredSequence> topK = new ArrayList<>();
            for (List<String> c : cands) {
                topK.add(new ScoredSequence(c, -8 * random.nextDouble()));
            }
            int map = Decoding.map().choose(topK);
            for (int i = 0; i < topK.size(); i++) {
                assertTrue(topK.get(i).logProb() <= topK.get(map).logProb());
            }
            // E[exact match of c] = p(c): the most likely candidate, at any temperature
            assertEquals(map, Decoding.mbr(new ExactMatchReward(), 1.0).choose(topK), "trial " + trial);
            assertEquals(map, Decoding.mbr(new ExactMatchReward(), 4.0).choose(topK), "trial " + trial);
        }
    }

    @Test
    void spanF05PicksACandidateWithFewerSpansThanMap() {
        // c1 (MAP) has spans {0, 2}; c2 only {0}; c3 {0, 3}. Span 0 is certain, the second span is not.
        List<List<String>> cands = List.of(t("B-X O B-X O"), t("B-X O O O"), t("B-X O O B-X"));
        double[] p = {0.40, 0.35, 0.25};
        double[] logProbs = new double[3];
        for (int i = 0; i < 3; i++) {
            logProbs[i] = Math.log(p[i]);
        }
        // Hand F0.5 = 1.25 c / (0.25 g + q), g gold spans, q predicted spans, c correct:
        // c2 vs c1: 1.25/(0.5+1) = 5/6; vs c2: 1; vs c3: 5/6  -> E = 0.65 * 5/6 + 0.35
        // c1 vs c1: 1; vs c2: 1.25/(0.25+2) = 5/9; vs c3: 1.25/(0.5+2) = 1/2 -> E = 0.4 + 0.35*5/9 + 0.125
        double e2 = 0.65 * 5 / 6 + 0.35;
        double e1 = 0.4 + 0.35 * 5 / 9 + 0.125;
        MbrSelector mbr = new MbrSelector(new SpanFBetaReward(0.5), 1.0);
        double[] expected = mbr.expectedRewards(cands, logProbs);
        assertEquals(e1, expected[0], 1e-12);
        assertEquals(e2, expected[1], 1e-12);
        assertEquals(1, mbr.select(cands, logProbs));
        assertTrue(Spans.extract(cands.get(1)).size() < Spans.extract(cands.get(0)).size());

        List<ScoredSequence> topK = List.of(new ScoredSequence(cands.get(0), logProbs[0]),
                new ScoredSequence(cands.get(1), logProbs[1]), new ScoredSequence(cands.get(2), logProbs[2]));
        assertEquals(0, Decoding.map().choose(topK));
        Decoding f05 = Decoding.of("mbr", new SpanFBetaReward(0.5), 1.0);
        assertEquals(List.of(topK.get(1), topK.get(0), topK.get(2)), f05.chosenFirst(topK));
        assertEquals("mbr reward=span-fbeta:beta=0.5 temperature=1.0", f05.describe());
        // recall-leaning F2 keeps the two-span MAP answer here
        assertEquals(0, Decoding.mbr(new SpanFBetaReward(2), 1.0).choose(topK));
    }

    @Test
    void temperatureFlattensTheDistribution() {
        double[] p = TopKDistribution.probabilities(new double[]{Math.log(0.8), Math.log(0.2)}, 1.0);
        assertArrayEquals(new double[]{0.8, 0.2}, p, 1e-12);
        double[] flat = TopKDistribution.probabilities(new double[]{Math.log(0.8), Math.log(0.2)}, 2.0);
        assertArrayEquals(new double[]{2.0 / 3, 1.0 / 3}, flat, 1e-12); // sqrt(.8):sqrt(.2) = 2:1
        // far below double range after exp, still normalised by the max shift
        assertArrayEquals(new double[]{0.5, 0.5}, TopKDistribution.probabilities(new double[]{-2000, -2000}, 1), 1e-12);
    }

    @Test
    void badInputIsRefusedClearly() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MbrSelector(new ExactMatchReward(), 0))
                .getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Decoding.of("viterbi", null, 1))
                .getMessage().contains("--decode must be map or mbr"));
        assertThrows(IllegalArgumentException.class, () -> new MbrSelector(null, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new MbrSelector(new ExactMatchReward(), 1).select(List.of(t("O")), new double[]{-1, -2}));
        assertThrows(IllegalArgumentException.class, () -> Decoding.map().choose(List.of()));
    }
}
