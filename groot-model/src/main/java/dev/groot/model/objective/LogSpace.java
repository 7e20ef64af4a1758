package dev.groot.model.objective;

/** Numerically stable log-softmax helpers. */
final class LogSpace {
    private LogSpace() {
    }

    /** log sum_i exp(x_i / temperature) - x_i / temperature, i.e. log softmax(x / temperature). */
    static double[] logSoftmax(double[] x, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v / temperature);
        }
        double sum = 0;
        for (double v : x) {
            sum += Math.exp(v / temperature - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] / temperature - lse;
        }
        return out;
    }

    static void check(double[] rewards, double[] logProbs, int goldIndex) {
        if (rewards.length != logProbs.length) {
            throw new IllegalArgumentException(rewards.length + " rewards but " + logProbs.length + " log-probs");
        }
        if (rewards.length == 0) {
            throw new IllegalArgumentException("empty candidate set");
        }
        if (goldIndex < -1 || goldIndex >= rewards.length) {
            throw new IllegalArgumentException("gold index " + goldIndex + " outside [-1, " + rewards.length + ")");
        }
        for (int i = 0; i < rewards.length; i++) {
            if (!Double.isFinite(rewards[i])) {
                throw new IllegalArgumentException("candidate " + i + " has reward " + rewards[i] + " (not scored?)");
            }
            if (!Double.isFinite(logProbs[i])) {
                throw new IllegalArgumentException("candidate " + i + " has log-prob " + logProbs[i]
                        + " (not scored by the teacher-forced pass?)");
            }
        }
    }
}
