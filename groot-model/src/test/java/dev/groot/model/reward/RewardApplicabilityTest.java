package dev.groot.model.reward;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardApplicabilityTest {

    private static final Set<String> POS = Set.of("AT", "NN", "VB", "JJ", ".");
    private static final Set<String> TITLE = Set.of("B-TL", "I-TL", "O");

    @Test
    void spanRewardsOnATagSetWithoutSpansAreRefusedInOneLine() {
        for (String spec : List.of("span-fbeta:beta=1", "span-f1", "span-precision", "span-recall")) {
            Reward r = Rewards.parse(spec);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RewardApplicability.check(r, POS, "/data/brown"));
            String m = e.getMessage();
            assertEquals(1, m.lines().count(), m);
            assertTrue(m.startsWith("reward '" + r.name() + "' scores every prediction 1.0 on the tags of /data/brown"
                    + " (5 tags, no B-/I- spans)"), m);
            assertTrue(m.contains("--reward token-accuracy") && m.contains("--task brown-title"), m);
        }
    }

    @Test
    void rewardsThatSeeTheTagsPass() {
        for (String spec : List.of("token-accuracy", "exact-match")) {
            assertDoesNotThrow(() -> RewardApplicability.check(Rewards.parse(spec), POS, "pos"));
        }
        for (String spec : List.of("span-fbeta:beta=0.5", "span-precision", "span-recall", "token-accuracy")) {
            assertDoesNotThrow(() -> RewardApplicability.check(Rewards.parse(spec), TITLE, "title"));
        }
        // a single tag: nothing to tell apart, nothing to refuse
        assertDoesNotThrow(() -> RewardApplicability.check(Rewards.parse("span-f1"), Set.of("O"), "o"));
    }

    @Test
    void aUserRewardThatIgnoresItsInputIsRefusedOnAnyTagSet() {
        Reward constant = Rewards.parse("class:" + RewardsTest.ConstantHalf.class.getName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RewardApplicability.check(constant, TITLE, "title"));
        assertTrue(e.getMessage().contains("scores every prediction 0.5 on the tags of title (3 tags)"), e.getMessage());
        assertTrue(!e.getMessage().contains("--task"), "the data has spans: " + e.getMessage());
    }
}
