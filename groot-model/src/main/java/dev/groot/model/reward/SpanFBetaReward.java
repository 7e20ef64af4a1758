package dev.groot.model.reward;

import java.util.List;

/**
 * Per-sentence span F-beta (conlleval chunks). 1.0 when neither gold nor prediction has spans;
 * 0.0 when exactly one of them has none. Spec: {@code span-fbeta:beta=B} (default beta 1).
 */
public final class SpanFBetaReward implements Reward {
    private static final long serialVersionUID = 1L;
    private final double beta;

    public SpanFBetaReward(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("span-fbeta: beta must be a finite number >= 0, got " + beta);
        }
        this.beta = beta;
    }

    public double beta() {
        return beta;
    }

    @Override
    public String name() {
        return "span-fbeta:beta=" + beta;
    }

    @Override
    public double score(List<String> gold, List<String> predicted) {
        return SpanCounts.of(gold, predicted).fBeta(beta);
    }

    @Override
    public String toString() {
        return name();
    }
}
