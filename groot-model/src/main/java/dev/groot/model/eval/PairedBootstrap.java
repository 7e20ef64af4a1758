package dev.groot.model.eval;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Paired bootstrap confidence intervals of a difference "system minus baseline" over sentences:
 * each resample draws n sentences with replacement (the same draw for both systems), recomputes
 * the statistic of each system and takes the difference; the interval is the 2.5th..97.5th
 * percentile of the resampled differences (percentile method, linear interpolation). Seeded, so
 * the same inputs give the same interval.
 */
public final class PairedBootstrap {

    public static final int DEFAULT_RESAMPLES = 1000;

    private final int resamples;
    private final long seed;

    /** A statistic of both systems on one resample, given how often each sentence was drawn. */
    @FunctionalInterface
    public interface PairedStatistic {
        double difference(int[] timesDrawn);
    }

    /**
     * @param delta the difference on the original data
     * @param lo    lower bound of the 95% interval
     * @param hi    upper bound of the 95% interval
     */
    public record Interval(double delta, double lo, double hi, int resamples) {
        public boolean excludesZero() {
            return lo > 0 || hi < 0;
        }

        public boolean contains(double value) {
            return lo <= value && value <= hi;
        }
    }

    public PairedBootstrap(int resamples, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap needs at least 1 resample, got " + resamples);
        }
        this.resamples = resamples;
        this.seed = seed;
    }

    public PairedBootstrap(long seed) {
        this(DEFAULT_RESAMPLES, seed);
    }

    /** CI of mean(system) - mean(baseline) for a per-sentence metric (e.g. reward of the top-1). */
    public Interval meanDifference(double[] baseline, double[] system) {
        checkPaired(baseline.length, system.length);
        int n = baseline.length;
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = system[i] - baseline[i];
        }
        return difference(n, times -> {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += times[i] * diff[i];
            }
            return sum / n;
        });
    }

    /**
     * CI of metric(system) - metric(baseline) for a corpus-level micro metric: each resample
     * merges the drawn sentences' counts and recomputes the metric (e.g. {@code CorpusMetrics::spanF1}).
     */
    public Interval microDifference(List<CorpusMetrics> baseline, List<CorpusMetrics> system,
                                    ToDoubleFunction<CorpusMetrics> metric) {
        checkPaired(baseline.size(), system.size());
        int n = baseline.size();
        return difference(n, times -> {
            CorpusMetrics b = new CorpusMetrics();
            CorpusMetrics s = new CorpusMetrics();
            for (int i = 0; i < n; i++) {
                if (times[i] > 0) {
                    b.mergeTimes(baseline.get(i), times[i]);
                    s.mergeTimes(system.get(i), times[i]);
                }
            }
            return metric.applyAsDouble(s) - metric.applyAsDouble(b);
        });
    }

    /** The generic form: the statistic sees how many times each of the n sentences was drawn. */
    public Interval difference(int n, PairedStatistic statistic) {
        if (n < 1) {
            throw new IllegalArgumentException("bootstrap over an empty set of sentences");
        }
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        double delta = statistic.difference(ones);
        SplittableRandom random = new SplittableRandom(seed);
        double[] diffs = new double[resamples];
        int[] times = new int[n];
        for (int b = 0; b < resamples; b++) {
            Arrays.fill(times, 0);
            for (int i = 0; i < n; i++) {
                times[random.nextInt(n)]++;
            }
            diffs[b] = statistic.difference(times);
        }
        Arrays.sort(diffs);
        return new Interval(delta, quantile(diffs, 0.025), quantile(diffs, 0.975), resamples);
    }

    private static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void checkPaired(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("paired bootstrap needs the same sentences for both systems: "
                    + a + " vs " + b);
        }
    }
}
