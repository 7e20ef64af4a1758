package dev.groot.model.reward;

import java.util.List;

/**
 * Per-sentence span precision: correct / predicted spans. No predicted spans: 1.0 if gold has none
 * either, else 0.0 (predicting nothing where there is something to find earns nothing).
 */
public final class SpanPrecisionReward implements Reward {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "span-precision";
    }

    @Override
    public double score(List<String> gold, List<String> predicted) {
        return SpanCounts.of(gold, predicted).precision();
    }

    @Override
    public String toString() {
        return name();
    }
}
