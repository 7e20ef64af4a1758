package dev.groot.model.eval;

import dev.groot.model.inference.TopKDistribution;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reliability of a model's top-K distribution: every candidate's probability, renormalised over
 * its sentence's top-K list (temperature 1), is put in one of B equal-width buckets of [0, 1];
 * per bucket the mean probability is set against the mean reward of its candidates. Expected
 * calibration error ECE = sum_b (n_b / N) |mean p_b - mean reward_b|. A mergeable accumulator
 * (add on executors, merge partial results); not thread-safe.
 */
public final class Calibration implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_BUCKETS = 10;

    private final long[] counts;
    private final double[] probabilitySums;
    private final double[] rewardSums;

    /** One bucket: [lo, hi) (the last one closed), its candidates, mean probability and mean reward. */
    public record Bucket(double lo, double hi, long count, double meanProbability, double meanReward) {
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lo", lo);
            m.put("hi", hi);
            m.put("count", count);
            m.put("mean_probability", meanProbability);
            m.put("mean_reward", meanReward);
            return m;
        }
    }

    public Calibration(int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("calibration needs at least 1 bucket, got " + buckets);
        }
        counts = new long[buckets];
        probabilitySums = new double[buckets];
        rewardSums = new double[buckets];
    }

    public Calibration() {
        this(DEFAULT_BUCKETS);
    }

    /** Adds one sentence's top-K list: the candidates' log-probabilities and rewards, same order. */
    public Calibration add(double[] logProbs, double[] rewards) {
        if (logProbs.length != rewards.length) {
            throw new IllegalArgumentException(logProbs.length + " log-probabilities but " + rewards.length + " rewards");
        }
        double[] p = TopKDistribution.probabilities(logProbs, 1.0);
        for (int i = 0; i < p.length; i++) {
            int b = bucketOf(p[i]);
            counts[b]++;
            probabilitySums[b] += p[i];
            rewardSums[b] += rewards[i];
        }
        return this;
    }

    public Calibration merge(Calibration other) {
        if (other.counts.length != counts.length) {
            throw new IllegalArgumentException("cannot merge calibrations with " + counts.length + " and "
                    + other.counts.length + " buckets");
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] += other.counts[b];
            probabilitySums[b] += other.probabilitySums[b];
            rewardSums[b] += other.rewardSums[b];
        }
        return this;
    }

    /** Bucket index of a probability: floor(p * B), p = 1 in the last bucket. */
    public int bucketOf(double p) {
        return Math.min(counts.length - 1, Math.max(0, (int) Math.floor(p * counts.length)));
    }

    public long candidates() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** The non-empty buckets, lowest probability first. */
    public List<Bucket> buckets() {
        List<Bucket> out = new ArrayList<>();
        int n = counts.length;
        for (int b = 0; b < n; b++) {
            if (counts[b] > 0) {
                out.add(new Bucket((double) b / n, (double) (b + 1) / n, counts[b], probabilitySums[b] / counts[b],
                        rewardSums[b] / counts[b]));
            }
        }
        return out;
    }

    /** Expected calibration error; NaN when no candidate was added. */
    public double expectedCalibrationError() {
        long total = candidates();
        if (total == 0) {
            return Double.NaN;
        }
        double ece = 0;
        for (Bucket b : buckets()) {
            ece += (double) b.count() / total * Math.abs(b.meanProbability() - b.meanReward());
        }
        return ece;
    }

    /** The JSON form: buckets, candidates, ece. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("buckets", counts.length);
        m.put("candidates", candidates());
        m.put("ece", expectedCalibrationError());
        m.put("reliability", buckets().stream().map(Bucket::toMap).toList());
        return m;
    }

    /** Equal sums in every bucket (so evaluation results compare by value, e.g. in reproducibility tests). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && java.util.Arrays.equals(counts, c.counts)
                && java.util.Arrays.equals(probabilitySums, c.probabilitySums)
                && java.util.Arrays.equals(rewardSums, c.rewardSums);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts) * 31 + java.util.Arrays.hashCode(rewardSums);
    }
}
