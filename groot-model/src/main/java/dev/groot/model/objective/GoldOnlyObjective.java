package dev.groot.model.objective;

/**
 * The control of a GROOT run ({@code --objective nll}): the same update passes over the same
 * candidate sets, but only the gold candidate carries weight (lambda), so the update is plain
 * extra NLL training on gold. Every other candidate gets weight 0 and is left out of the update
 * by the minimum-update-weight filter. Without a gold candidate (goldIndex -1) all weights are 0.
 * L = -lambda * s(gold), whose weights are w_c = -dL/ds_c.
 */
public final class GoldOnlyObjective implements ContrastiveObjective {
    private static final long serialVersionUID = 1L;

    private final double lambda;

    public GoldOnlyObjective(double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            // lambda 0 would leave nothing to train on: the control would be a no-op, not a control
            throw new IllegalArgumentException("nll objective: lambda must be finite and > 0, got " + lambda);
        }
        this.lambda = lambda;
    }

    @Override
    public double[] weights(double[] rewards, double[] logProbs, int goldIndex) {
        LogSpace.check(rewards, logProbs, goldIndex);
        double[] w = new double[rewards.length];
        if (goldIndex >= 0) {
            w[goldIndex] = lambda;
        }
        return w;
    }

    @Override
    public double loss(double[] rewards, double[] logProbs, int goldIndex) {
        LogSpace.check(rewards, logProbs, goldIndex);
        return goldIndex >= 0 ? -lambda * logProbs[goldIndex] : 0.0;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String toString() {
        return "nll(lambda=" + lambda + ")";
    }
}
