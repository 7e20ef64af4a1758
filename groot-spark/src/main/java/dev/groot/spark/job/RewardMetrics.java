package dev.groot.spark.job;

import dev.groot.model.eval.CorpusMetrics;
import dev.groot.model.reward.ExactMatchReward;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.SpanFBetaReward;
import dev.groot.model.reward.SpanPrecisionReward;
import dev.groot.model.reward.SpanRecallReward;
import dev.groot.model.reward.TokenAccuracyReward;

/**
 * The corpus-level value of a reward over top-1 predictions: micro-averaged for the built-ins
 * (span F-beta, precision, recall from summed span counts; token accuracy over all tokens), the
 * mean per-sentence value for a user's own reward.
 */
final class RewardMetrics {

    private RewardMetrics() {
    }

    /** True when the corpus value is a micro average (recomputed from counts), not a mean of sentences. */
    static boolean isCorpusLevel(Reward reward) {
        return reward instanceof SpanFBetaReward || reward instanceof SpanPrecisionReward
                || reward instanceof SpanRecallReward || reward instanceof TokenAccuracyReward
                || reward instanceof ExactMatchReward;
    }

    static double corpusValue(Reward reward, CorpusMetrics counts, double meanPerSentence) {
        if (reward instanceof SpanFBetaReward f) {
            return counts.spanFBeta(f.beta());
        }
        if (reward instanceof SpanPrecisionReward) {
            return counts.spanPrecision();
        }
        if (reward instanceof SpanRecallReward) {
            return counts.spanRecall();
        }
        if (reward instanceof TokenAccuracyReward) {
            return counts.tokenAccuracy();
        }
        if (reward instanceof ExactMatchReward) {
            return counts.exactMatch();
        }
        return meanPerSentence;
    }
}
