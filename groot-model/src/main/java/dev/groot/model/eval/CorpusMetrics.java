package dev.groot.model.eval;

import dev.groot.model.reward.SpanCounts;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Micro-averaged metrics over a corpus of (gold, predicted) pairs, kept as counts so partial
 * results merge exactly (Spark {@code aggregate(new CorpusMetrics(), add, merge)}). Mutable
 * accumulator; not thread-safe. Span ratios with a zero denominator follow {@link SpanCounts}:
 * 1.0 when the corpus has neither gold nor predicted spans (e.g. a POS task; see
 * {@link #hasSpans()}), otherwise 0.0. Token accuracy and exact match of an empty corpus are 0.
 */
public final class CorpusMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private long sentences;
    private long exactMatches;
    private long tokens;
    private long correctTokens;
    private long goldSpans;
    private long predictedSpans;
    private long correctSpans;

    /** The counts of a single sentence (the unit a sentence-level bootstrap resamples). */
    public static CorpusMetrics of(List<String> gold, List<String> predicted) {
        return new CorpusMetrics().add(gold, predicted);
    }

    public CorpusMetrics add(List<String> gold, List<String> predicted) {
        SpanCounts spans = SpanCounts.of(gold, predicted); // also checks equal lengths
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        sentences++;
        tokens += gold.size();
        correctTokens += correct;
        exactMatches += correct == gold.size() ? 1 : 0;
        goldSpans += spans.gold();
        predictedSpans += spans.predicted();
        correctSpans += spans.correct();
        return this;
    }

    public CorpusMetrics merge(CorpusMetrics other) {
        sentences += other.sentences;
        exactMatches += other.exactMatches;
        tokens += other.tokens;
        correctTokens += other.correctTokens;
        goldSpans += other.goldSpans;
        predictedSpans += other.predictedSpans;
        correctSpans += other.correctSpans;
        return this;
    }

    /** Adds {@code times} copies of {@code other} (weighted merge used by the bootstrap). */
    CorpusMetrics mergeTimes(CorpusMetrics other, int times) {
        sentences += times * other.sentences;
        exactMatches += times * other.exactMatches;
        tokens += times * other.tokens;
        correctTokens += times * other.correctTokens;
        goldSpans += times * other.goldSpans;
        predictedSpans += times * other.predictedSpans;
        correctSpans += times * other.correctSpans;
        return this;
    }

    public double tokenAccuracy() {
        return tokens == 0 ? 0.0 : (double) correctTokens / tokens;
    }

    public double exactMatch() {
        return sentences == 0 ? 0.0 : (double) exactMatches / sentences;
    }

    public double spanPrecision() {
        return spanCounts().precision();
    }

    public double spanRecall() {
        return spanCounts().recall();
    }

    public double spanF1() {
        return spanCounts().fBeta(1.0);
    }

    public double spanFBeta(double beta) {
        return spanCounts().fBeta(beta);
    }

    public SpanCounts spanCounts() {
        return new SpanCounts(goldSpans, predictedSpans, correctSpans);
    }

    /** True when gold or predictions contain at least one span (span metrics are meaningful). */
    public boolean hasSpans() {
        return goldSpans > 0 || predictedSpans > 0;
    }

    public long sentences() {
        return sentences;
    }

    public long tokens() {
        return tokens;
    }

    public long correctTokens() {
        return correctTokens;
    }

    public long exactMatches() {
        return exactMatches;
    }

    /** The metrics under the JSON keys of {@code groot evaluate}. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("token_accuracy", tokenAccuracy());
        m.put("exact_match", exactMatch());
        m.put("span_precision", spanPrecision());
        m.put("span_recall", spanRecall());
        m.put("span_f1", spanF1());
        return m;
    }

    @Override
    public String toString() {
        return "CorpusMetrics{sentences=" + sentences + ", tokens=" + tokens + ", correctTokens=" + correctTokens
                + ", exactMatches=" + exactMatches + ", spans gold/pred/correct=" + goldSpans + "/" + predictedSpans
                + "/" + correctSpans + "}";
    }
}
