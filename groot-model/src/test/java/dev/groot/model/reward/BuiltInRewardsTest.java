package dev.groot.model.reward;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BuiltInRewardsTest {

    private static final double EPS = 1e-12;

    private static List<String> t(String tags) {
        return tags.isEmpty() ? List.of() : List.of(tags.split(" "));
    }

    // gold: 2 spans; predicted: 3 spans, 1 correct -> P = 1/3, R = 1/2
    private static final List<String> GOLD = t("B-TL I-TL O B-TL O O");
    private static final List<String> PRED = t("B-TL I-TL O B-TL I-TL B-TL");

    @Test
    void spanPrecisionRecallFbetaOnAHandCase() {
        assertEquals(1.0 / 3, new SpanPrecisionReward().score(GOLD, PRED), EPS);
        assertEquals(1.0 / 2, new SpanRecallReward().score(GOLD, PRED), EPS);
        assertEquals(2 * 1.0 / (2 + 3), new SpanFBetaReward(1).score(GOLD, PRED), EPS);
        // F_0.5 = 1.25 * c / (0.25 g + p) = 1.25 / (0.5 + 3)
        assertEquals(1.25 / 3.5, new SpanFBetaReward(0.5).score(GOLD, PRED), EPS);
        // F_2 = 5 c / (4 g + p) = 5 / 11
        assertEquals(5.0 / 11, new SpanFBetaReward(2).score(GOLD, PRED), EPS);
    }

    @Test
    void perfectPredictionScoresOne() {
        for (Reward r : List.of(new SpanFBetaReward(1), new SpanPrecisionReward(), new SpanRecallReward(),
                new TokenAccuracyReward(), new ExactMatchReward())) {
            assertEquals(1.0, r.score(GOLD, GOLD), EPS, r.name());
        }
    }

    @Test
    void emptySpanSetCases() {
        List<String> none = t("O O O O O O");
        // both without spans: everything is 1
        assertEquals(1.0, new SpanFBetaReward(1).score(none, none), EPS);
        assertEquals(1.0, new SpanPrecisionReward().score(none, none), EPS);
        assertEquals(1.0, new SpanRecallReward().score(none, none), EPS);
        // nothing predicted but gold has spans
        assertEquals(0.0, new SpanFBetaReward(1).score(GOLD, none), EPS);
        assertEquals(0.0, new SpanPrecisionReward().score(GOLD, none), EPS);
        assertEquals(0.0, new SpanRecallReward().score(GOLD, none), EPS);
        // spurious spans in a sentence without any
        assertEquals(0.0, new SpanFBetaReward(0.5).score(none, GOLD), EPS);
        assertEquals(0.0, new SpanPrecisionReward().score(none, GOLD), EPS);
        assertEquals(0.0, new SpanRecallReward().score(none, GOLD), EPS);
        // empty sentence
        assertEquals(1.0, new SpanFBetaReward(1).score(t(""), t("")), EPS);
        assertEquals(1.0, new TokenAccuracyReward().score(t(""), t("")), EPS);
        assertEquals(1.0, new ExactMatchReward().score(t(""), t("")), EPS);
    }

    @Test
    void spanRewardsUseConllevalChunks() {
        // I-TL after O is a chunk start: predicted "O I-TL" equals gold "O B-TL" as chunks
        assertEquals(1.0, new SpanFBetaReward(1).score(t("O B-TL"), t("O I-TL")), EPS);
        // a type change inside a run splits it: no chunk matches
        assertEquals(0.0, new SpanFBetaReward(1).score(t("B-A I-A"), t("B-A I-B")), EPS);
        // posTags have no spans: span F is 1 (both empty), token accuracy is real
        assertEquals(1.0, new SpanFBetaReward(1).score(t("NN VB"), t("NN NN")), EPS);
    }

    @Test
    void tokenAccuracyAndExactMatch() {
        assertEquals(4.0 / 6, new TokenAccuracyReward().score(GOLD, PRED), EPS);
        assertEquals(0.0, new ExactMatchReward().score(GOLD, PRED), EPS);
        assertEquals(0.5, new TokenAccuracyReward().score(t("NN VB"), t("NN NN")), EPS);
    }

    @Test
    void lengthMismatchIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TokenAccuracyReward().score(t("O O"), t("O")));
        assertEquals("gold has 2 tags but predicted has 1; a reward compares sequences of equal length", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SpanFBetaReward(1).score(t("O O"), t("O")));
        assertThrows(IllegalArgumentException.class, () -> new ExactMatchReward().score(t("O O"), t("O")));
    }

    @Test
    void badBetaIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SpanFBetaReward(-1));
        assertThrows(IllegalArgumentException.class, () -> new SpanFBetaReward(Double.NaN));
    }
}
