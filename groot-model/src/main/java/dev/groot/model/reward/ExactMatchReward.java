package dev.groot.model.reward;

import java.util.List;

/** 1.0 if the whole predicted sequence equals gold, else 0.0. */
public final class ExactMatchReward implements Reward {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "exact-match";
    }

    @Override
    public double score(List<String> gold, List<String> predicted) {
        Rewards.checkLengths(gold, predicted);
        return gold.equals(predicted) ? 1.0 : 0.0;
    }

    @Override
    public String toString() {
        return name();
    }
}
