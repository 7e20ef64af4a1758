package dev.groot.model.reward;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Origin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RewardsTest {

    @Test
    void parsesBuiltIns() {
        assertEquals(0.5, ((SpanFBetaReward) Rewards.parse("span-fbeta:beta=0.5")).beta());
        assertEquals(1.0, ((SpanFBetaReward) Rewards.parse("span-fbeta")).beta());
        assertEquals(1.0, ((SpanFBetaReward) Rewards.parse("span-f1")).beta());
        assertInstanceOf(SpanPrecisionReward.class, Rewards.parse("span-precision"));
        assertInstanceOf(SpanRecallReward.class, Rewards.parse(" span-recall "));
        assertInstanceOf(TokenAccuracyReward.class, Rewards.parse("token-accuracy"));
        assertInstanceOf(ExactMatchReward.class, Rewards.parse("exact-match"));
    }

    @Test
    void nameRecreatesTheReward() {
        for (String spec : List.of("span-fbeta:beta=0.5", "span-precision", "span-recall", "token-accuracy", "exact-match")) {
            Reward r = Rewards.parse(spec);
            assertEquals(r.name(), Rewards.parse(r.name()).name());
        }
        assertEquals("span-fbeta:beta=0.5", Rewards.parse("span-fbeta:beta=0.5").name());
    }

    @Test
    void badSpecsGiveClearErrors() {
        assertMessage("unknown reward 'f1' in spec 'f1'", () -> Rewards.parse("f1"));
        assertMessage("unknown option 'b'", () -> Rewards.parse("span-fbeta:b=1"));
        assertMessage("option beta='x' is not a number", () -> Rewards.parse("span-fbeta:beta=x"));
        assertMessage("takes no options", () -> Rewards.parse("token-accuracy:x=1"));
        assertMessage("is not key=value", () -> Rewards.parse("span-fbeta:beta"));
        assertMessage("given twice", () -> Rewards.parse("span-fbeta:beta=1,beta=2"));
        assertMessage("beta must be", () -> Rewards.parse("span-fbeta:beta=-2"));
        assertMessage("empty reward spec", () -> Rewards.parse(" "));
        assertMessage("needs a class name", () -> Rewards.parse("class:"));
    }

    @Test
    void parseListSplitsOnSemicolonsAndOnCommasBetweenSpecs() {
        assertEquals(List.of("span-fbeta:beta=0.5", "token-accuracy"),
                RewardSpec.splitList("span-fbeta:beta=0.5,token-accuracy"));
        assertEquals(List.of("class:a.B:x=1,y=2", "exact-match", "span-recall"),
                RewardSpec.splitList("class:a.B:x=1,y=2,exact-match;span-recall"));
        assertEquals(List.of("span-fbeta:beta=1", "span-fbeta:beta=0.5"),
                RewardSpec.splitList("span-fbeta:beta=1;span-fbeta:beta=0.5"));
        List<Reward> rewards = Rewards.parseList("span-fbeta:beta=0.5, token-accuracy ,exact-match");
        assertEquals(List.of("span-fbeta:beta=0.5", "token-accuracy", "exact-match"),
                rewards.stream().map(Reward::name).toList());
        assertMessage("does not follow a spec with options", () -> RewardSpec.splitList("token-accuracy,beta=1"));
        assertMessage("empty entry", () -> RewardSpec.splitList("token-accuracy,,exact-match"));
    }

    /**
     * Gold first: with gold spans X[0,2) and Y[3,4), "fewer" predicts only X (precision 1, recall
     * 1/2) and "more" predicts X, Y and a wrong Z (precision 2/3, recall 1). Swapping the arguments
     * swaps precision and recall, so each assertion below fails under the other order.
     */
    @Test
    void precisionPrefersFewerCorrectSpansAndRecallMoreSpansThroughTheCandidatePath() {
        List<String> gold = List.of("B-X", "I-X", "O", "B-Y", "O");
        List<Candidate> candidates = List.of(
                Candidate.of("e", 0, Origin.BEAM, List.of("B-X", "I-X", "O", "O", "O"), -1),
                Candidate.of("e", 1, Origin.BEAM, List.of("B-X", "I-X", "O", "B-Y", "B-Z"), -2));
        for (String spec : List.of("span-precision", "class:" + GoldFirstPrecision.class.getName())) {
            double[] r = rewards(candidates, gold, spec);
            assertEquals(1.0, r[0], 1e-12, spec);
            assertEquals(2.0 / 3, r[1], 1e-12, spec);
            assertTrue(r[0] > r[1], spec + " must prefer the prediction with fewer, correct spans");
        }
        double[] recall = rewards(candidates, gold, "span-recall");
        assertEquals(0.5, recall[0], 1e-12);
        assertEquals(1.0, recall[1], 1e-12);
        double[] f05 = rewards(candidates, gold, "span-fbeta:beta=0.5");
        // F0.5 = 1.25 c / (0.25 g + p), precision-leaning: fewer 1.25/1.5, more 2.5/3.5
        assertEquals(1.25 / 1.5, f05[0], 1e-12);
        assertEquals(2.5 / 3.5, f05[1], 1e-12);
    }

    private static double[] rewards(List<Candidate> candidates, List<String> gold, String spec) {
        return CandidateRewards.score(candidates, gold, Rewards.parse(spec)).stream()
                .mapToDouble(Candidate::reward).toArray();
    }

    @Test
    void loadsUserClassWithNoArgConstructor() {
        Reward r = Rewards.parse("class:" + ConstantHalf.class.getName());
        assertInstanceOf(ConstantHalf.class, r);
        assertEquals(0.5, r.score(List.of("O"), List.of("B-X")));
    }

    @Test
    void loadsUserClassWithOptions() {
        Reward r = Rewards.parse("class:" + Scaled.class.getName() + ":factor=0.25");
        assertEquals(0.25, r.score(List.of("O", "O"), List.of("O", "O")));
        assertEquals(0.125, r.score(List.of("O", "O"), List.of("O", "X")));
    }

    @Test
    void userClassErrors() {
        assertMessage("cannot be loaded", () -> Rewards.parse("class:com.nowhere.Missing"));
        assertMessage("does not implement", () -> Rewards.parse("class:java.lang.String"));
        assertMessage("takes no options", () -> Rewards.parse("class:" + ConstantHalf.class.getName() + ":a=1"));
        assertMessage("constructor of", () -> Rewards.parse("class:" + Scaled.class.getName() + ":factor=oops"));
        assertMessage("is not a Java class name", () -> Rewards.parse("class:not a class"));
        assertMessage("rewards must be in [0, 1]", () -> Rewards.parse("class:" + OutOfRange.class.getName()));
        assertMessage("is not deterministic", () -> Rewards.parse("class:" + Counting.class.getName()));
        assertMessage("is not serializable", () -> Rewards.parse("class:" + HoldsThread.class.getName()));
        assertMessage("a reward must accept any two tag sequences", () -> Rewards.parse("class:" + Throwing.class.getName()));
    }

    @Test
    void validateAcceptsBuiltInsAndReturnsTheSameObject() {
        for (String name : List.of("span-fbeta:beta=0.5", "span-precision", "span-recall", "token-accuracy", "exact-match")) {
            Reward r = Rewards.parse(name);
            assertSame(r, Rewards.validate(r));
        }
    }

    @Test
    void validateProbesTheCallersOwnSequences() {
        Reward onlyShort = new Reward() {
            @Override
            public String name() {
                return "only-short";
            }

            @Override
            public double score(List<String> gold, List<String> predicted) {
                return gold.size() > 6 ? 1.5 : 1.0;
            }
        };
        // anonymous class captures the test instance, which is not Serializable
        assertMessage("is not serializable", () -> RewardValidator.validate(onlyShort));
        Reward r = Rewards.parse("class:" + LongIsBad.class.getName());
        assertMessage("rewards must be in [0, 1]",
                () -> RewardValidator.validate(r, List.of(List.of("O", "O", "O", "O", "O", "O", "O", "B-X"))));
    }

    public static final class LongIsBad implements Reward {
        @Override
        public String name() {
            return "long-is-bad";
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            return gold.size() > 6 ? -1 : 1;
        }
    }

    private static void assertMessage(String expectedPart, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedPart), () -> "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    public static final class ConstantHalf implements Reward {
        @Override
        public String name() {
            return "class:" + getClass().getName();
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            return 0.5;
        }
    }

    /** A user's span precision written from Reward's Javadoc: score(gold, predicted). */
    public static final class GoldFirstPrecision implements Reward {
        @Override
        public String name() {
            return "class:" + getClass().getName();
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            List<Span> p = Spans.extract(predicted);
            return p.isEmpty() ? (Spans.extract(gold).isEmpty() ? 1 : 0)
                    : (double) Spans.countCorrect(Spans.extract(gold), p) / p.size();
        }
    }

    public static final class Scaled implements Reward {
        private final double factor;

        public Scaled(Map<String, String> options) {
            factor = Double.parseDouble(options.getOrDefault("factor", "1"));
        }

        @Override
        public String name() {
            return "class:" + getClass().getName() + ":factor=" + factor;
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            return factor * new TokenAccuracyReward().score(gold, predicted);
        }
    }

    public static final class OutOfRange implements Reward {
        @Override
        public String name() {
            return "out-of-range";
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            return 2 - new TokenAccuracyReward().score(gold, predicted);
        }
    }

    public static final class Counting implements Reward {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            return (calls.incrementAndGet() % 2) * 0.5;
        }
    }

    public static final class HoldsThread implements Reward {
        private final Object notSerializable = new Object();

        @Override
        public String name() {
            return "holds-thread";
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            return notSerializable == null ? 0 : 1;
        }
    }

    public static final class Throwing implements Reward {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public double score(List<String> gold, List<String> predicted) {
            if (gold.contains("NN")) {
                throw new IllegalStateException("only BIO please");
            }
            return 1;
        }
    }
}
