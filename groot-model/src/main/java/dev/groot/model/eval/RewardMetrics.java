package dev.groot.model.eval;

import dev.groot.model.reward.ExactMatchReward;
import dev.groot.model.reward.Reward;
import dev.groot.model.reward.SpanFBetaReward;
import dev.groot.model.reward.SpanPrecisionReward;
import dev.groot.model.reward.SpanRecallReward;
import dev.groot.model.reward.TokenAccuracyReward;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The corpus-level value of a reward over top-1 predictions: micro-averaged for the built-ins
 * (span F-beta, precision, recall from summed span counts; token accuracy and exact match over
 * all sentences), the mean per-sentence value for a user's own reward. One table maps each
 * built-in reward class to its micro average.
 */
public final class RewardMetrics {

    private static final Map<Class<? extends Reward>, Function<Reward, ToDoubleFunction<CorpusMetrics>>> MICRO = Map.of(
            SpanFBetaReward.class, r -> c -> c.spanFBeta(((SpanFBetaReward) r).beta()),
            SpanPrecisionReward.class, r -> CorpusMetrics::spanPrecision,
            SpanRecallReward.class, r -> CorpusMetrics::spanRecall,
            TokenAccuracyReward.class, r -> CorpusMetrics::tokenAccuracy,
            ExactMatchReward.class, r -> CorpusMetrics::exactMatch);

    private RewardMetrics() {
    }

    /** The micro-averaged corpus value of a built-in reward; empty for a user's own reward. */
    public static Optional<ToDoubleFunction<CorpusMetrics>> microAverage(Reward reward) {
        return Optional.ofNullable(MICRO.get(reward.getClass())).map(f -> f.apply(reward));
    }

    /** True when the corpus value is a micro average (recomputed from counts), not a mean of sentences. */
    public static boolean isCorpusLevel(Reward reward) {
        return MICRO.containsKey(reward.getClass());
    }

    /** How the top-1 value of a reward is aggregated over a split, as result files name it. */
    public static String aggregation(Reward reward) {
        return isCorpusLevel(reward) ? CORPUS_MICRO : PER_SENTENCE_MEAN;
    }

    /** Counts summed over the split, then the metric (span P/R/F from span counts; token accuracy over tokens). */
    public static final String CORPUS_MICRO = "corpus_micro";
    /** The metric of each sentence, averaged over sentences. */
    public static final String PER_SENTENCE_MEAN = "per_sentence_mean";

    public static double corpusValue(Reward reward, CorpusMetrics counts, double meanPerSentence) {
        return microAverage(reward).map(f -> f.applyAsDouble(counts)).orElse(meanPerSentence);
    }
}
