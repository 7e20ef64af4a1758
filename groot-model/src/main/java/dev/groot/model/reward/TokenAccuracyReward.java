package dev.groot.model.reward;

import java.util.List;

/** Fraction of positions whose predicted tag equals the gold tag (1.0 for an empty sentence). */
public final class TokenAccuracyReward implements Reward {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "token-accuracy";
    }

    @Override
    public double score(List<String> gold, List<String> predicted) {
        Rewards.checkLengths(gold, predicted);
        if (gold.isEmpty()) {
            return 1.0;
        }
        int correct = 0;
        for (int i = 0; i < gold.size(); i++) {
            if (gold.get(i).equals(predicted.get(i))) {
                correct++;
            }
        }
        return (double) correct / gold.size();
    }

    @Override
    public String toString() {
        return name();
    }
}
