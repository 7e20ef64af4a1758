package dev.groot.model.objective;

/**
 * BRIO-style pairwise ranking loss. Candidates are ranked by reward, descending, with competition
 * ranking (rank = 1 + number of candidates with a strictly higher reward, so ties share a rank).
 * For every pair with r_i > r_j: max(0, s_j - s_i + margin * (rank_j - rank_i)); plus
 * lambda * NLL(gold). Weights w_c = -dL/ds_c: each active pair adds +1 to the better candidate
 * and -1 to the worse one (a pair exactly at the hinge counts as inactive); lambda goes to gold.
 * The pair terms are summed, not averaged, as in BRIO.
 */
public final class PairwiseMarginObjective implements ContrastiveObjective {
    private static final long serialVersionUID = 1L;

    private final double margin;
    private final double lambda;

    public PairwiseMarginObjective(double margin, double lambda) {
        if (!(margin >= 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("pairwise objective: margin must be finite and >= 0, got " + margin);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("pairwise objective: lambda must be finite and >= 0, got " + lambda);
        }
        this.margin = margin;
        this.lambda = lambda;
    }

    @Override
    public double[] weights(double[] rewards, double[] logProbs, int goldIndex) {
        LogSpace.check(rewards, logProbs, goldIndex);
        int[] rank = ranks(rewards);
        double[] w = new double[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            for (int j = 0; j < rewards.length; j++) {
                if (rewards[i] > rewards[j] && hinge(logProbs, rank, i, j) > 0) {
                    w[i] += 1;
                    w[j] -= 1;
                }
            }
        }
        if (goldIndex >= 0) {
            w[goldIndex] += lambda;
        }
        return w;
    }

    @Override
    public double loss(double[] rewards, double[] logProbs, int goldIndex) {
        LogSpace.check(rewards, logProbs, goldIndex);
        int[] rank = ranks(rewards);
        double loss = 0;
        for (int i = 0; i < rewards.length; i++) {
            for (int j = 0; j < rewards.length; j++) {
                if (rewards[i] > rewards[j]) {
                    loss += Math.max(0, hinge(logProbs, rank, i, j));
                }
            }
        }
        return goldIndex >= 0 ? loss - lambda * logProbs[goldIndex] : loss;
    }

    private double hinge(double[] s, int[] rank, int better, int worse) {
        return s[worse] - s[better] + margin * (rank[worse] - rank[better]);
    }

    /** Competition ranks by reward descending: 1 + number of strictly higher rewards. */
    static int[] ranks(double[] rewards) {
        int[] rank = new int[rewards.length];
        for (int i = 0; i < rewards.length; i++) {
            int higher = 0;
            for (double r : rewards) {
                if (r > rewards[i]) {
                    higher++;
                }
            }
            rank[i] = 1 + higher;
        }
        return rank;
    }

    public double margin() {
        return margin;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String toString() {
        return "pairwise(margin=" + margin + ", lambda=" + lambda + ")";
    }
}
