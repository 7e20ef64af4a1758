package dev.groot.model.objective;

/**
 * The default GROOT objective: q = softmax(r / tauR), p = softmax(s / tauS),
 * L = KL(q || p) + lambda * NLL(gold) with NLL(gold) = -s(gold). Its weights are
 * w_c = -dL/ds_c = (q_c - p_c) / tauS, plus lambda on the gold candidate; without a gold
 * candidate (goldIndex -1) the lambda term is absent. The KL weights sum to 0.
 */
public final class KlObjective implements ContrastiveObjective {
    private static final long serialVersionUID = 1L;

    private final double tauR;
    private final double tauS;
    private final double lambda;

    public KlObjective(double tauR, double tauS, double lambda) {
        if (!(tauR > 0) || !(tauS > 0) || Double.isInfinite(tauR) || Double.isInfinite(tauS)) {
            throw new IllegalArgumentException("kl objective: tau-r and tau-s must be finite and > 0, got tau-r="
                    + tauR + " tau-s=" + tauS);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("kl objective: lambda must be finite and >= 0, got " + lambda);
        }
        this.tauR = tauR;
        this.tauS = tauS;
        this.lambda = lambda;
    }

    @Override
    public double[] weights(double[] rewards, double[] logProbs, int goldIndex) {
        LogSpace.check(rewards, logProbs, goldIndex);
        double[] logQ = LogSpace.logSoftmax(rewards, tauR);
        double[] logP = LogSpace.logSoftmax(logProbs, tauS);
        double[] w = new double[rewards.length];
        for (int c = 0; c < w.length; c++) {
            w[c] = (Math.exp(logQ[c]) - Math.exp(logP[c])) / tauS;
        }
        if (goldIndex >= 0) {
            w[goldIndex] += lambda;
        }
        return w;
    }

    @Override
    public double loss(double[] rewards, double[] logProbs, int goldIndex) {
        LogSpace.check(rewards, logProbs, goldIndex);
        double[] logQ = LogSpace.logSoftmax(rewards, tauR);
        double[] logP = LogSpace.logSoftmax(logProbs, tauS);
        double kl = 0;
        for (int c = 0; c < logQ.length; c++) {
            double q = Math.exp(logQ[c]);
            if (q > 0) { // 0 * log 0 = 0
                kl += q * (logQ[c] - logP[c]);
            }
        }
        return goldIndex >= 0 ? kl - lambda * logProbs[goldIndex] : kl;
    }

    public double tauR() {
        return tauR;
    }

    public double tauS() {
        return tauS;
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String toString() {
        return "kl(tau-r=" + tauR + ", tau-s=" + tauS + ", lambda=" + lambda + ")";
    }
}
