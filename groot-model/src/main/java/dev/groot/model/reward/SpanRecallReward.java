package dev.groot.model.reward;

import java.util.List;

/**
 * Per-sentence span recall: correct / gold spans. No gold spans: 1.0 if nothing is predicted
 * either, else 0.0 (spurious spans in a sentence without any are not rewarded).
 */
public final class SpanRecallReward implements Reward {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "span-recall";
    }

    @Override
    public double score(List<String> gold, List<String> predicted) {
        return SpanCounts.of(gold, predicted).recall();
    }

    @Override
    public String toString() {
        return name();
    }
}
