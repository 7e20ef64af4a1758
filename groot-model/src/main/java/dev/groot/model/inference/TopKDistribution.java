package dev.groot.model.inference;

/**
 * The model distribution renormalised over a top-K list: p(c) = softmax(logProb(c) / T) over the
 * K candidates. T = 1 is the model's own distribution restricted to the list; larger T flattens it.
 */
public final class TopKDistribution {

    private TopKDistribution() {
    }

    /**
     * @param logProbs    log p(c | x) of each candidate (finite)
     * @param temperature T > 0, finite
     * @return probabilities summing to 1, in the order of {@code logProbs}
     */
    public static double[] probabilities(double[] logProbs, double temperature) {
        checkTemperature(temperature);
        if (logProbs.length == 0) {
            throw new IllegalArgumentException("a top-K distribution needs at least one candidate");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double lp : logProbs) {
            if (!Double.isFinite(lp)) {
                throw new IllegalArgumentException("candidate log-probability must be finite, got " + lp);
            }
            max = Math.max(max, lp / temperature);
        }
        // Shift by the maximum so exp never overflows and the best candidate has weight 1.
        double[] p = new double[logProbs.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logProbs[i] / temperature - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    public static void checkTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("MBR temperature must be a finite number > 0, got " + temperature);
        }
    }
}
