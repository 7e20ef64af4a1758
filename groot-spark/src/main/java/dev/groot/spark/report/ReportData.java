package dev.groot.spark.report;

import dev.groot.spark.store.IterationRecord;
import dev.groot.spark.store.MetricRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Everything a report shows, read from one run directory.
 *
 * @param run             the run directory as given
 * @param selectionReward name of the reward GROOT optimised, as it appears in metric names
 * @param iterations      committed iterations, in order
 * @param metrics         the dev metric rows of every committed iteration
 * @param origins         candidate counts and means per (iteration, origin), iterations >= 1
 * @param calibration     reliability buckets of the beam candidates per iteration, iterations >= 1
 */
public record ReportData(String run, String runId, String createdAt, int bestIteration, String selectionReward,
                         Map<String, String> options, List<IterationRecord> iterations, List<MetricRow> metrics,
                         List<OriginStats> origins, List<CalibrationBucket> calibration) {

    /** Prefixes of the per-k metric families (see MetricsStore); everything else is a top-1 metric. */
    static final List<String> TOP_K_FAMILIES = List.of("mean_reward_at_k", "oracle_at_k", "mean_reward_top_k");

    /** Candidates of one origin in one iteration. */
    public record OriginStats(int iteration, String origin, long rows, double meanReward, double meanWeight) {
    }

    /**
     * One reliability bucket of one iteration's beam candidates: probability renormalised over the
     * sentence's top-K, bucket = floor(10 p) (p = 1 in bucket 9).
     */
    public record CalibrationBucket(int iteration, int bucket, long candidates, double meanProbability,
                                    double meanReward) {
    }

    /** A report without calibration buckets (a run that stored no candidates). */
    public ReportData(String run, String runId, String createdAt, int bestIteration, String selectionReward,
                      Map<String, String> options, List<IterationRecord> iterations, List<MetricRow> metrics,
                      List<OriginStats> origins) {
        this(run, runId, createdAt, bestIteration, selectionReward, options, iterations, metrics, origins, List.of());
    }

    public ReportData {
        calibration = List.copyOf(calibration);
        options = Map.copyOf(options);
        iterations = List.copyOf(iterations);
        metrics = List.copyOf(metrics);
        origins = List.copyOf(origins);
    }

    public List<Integer> iterationNumbers() {
        return iterations.stream().map(IterationRecord::iteration).toList();
    }

    public int lastIteration() {
        return iterations.isEmpty() ? -1 : iterations.get(iterations.size() - 1).iteration();
    }

    /** The k=1 metrics that are not per-k families (top1/*, token_accuracy, span_f1, ...), sorted. */
    public List<String> topOneMetrics() {
        TreeSet<String> names = new TreeSet<>();
        for (MetricRow r : metrics) {
            if (!isTopKFamily(r.metric())) {
                names.add(r.metric());
            }
        }
        return new ArrayList<>(names);
    }

    /** Rewards that have top-K curves, the selection reward first. */
    public List<String> topKRewards() {
        TreeSet<String> names = new TreeSet<>();
        String prefix = "mean_reward_at_k/";
        for (MetricRow r : metrics) {
            if (r.metric().startsWith(prefix)) {
                names.add(r.metric().substring(prefix.length()));
            }
        }
        List<String> out = new ArrayList<>();
        if (names.remove(selectionReward)) {
            out.add(selectionReward);
        }
        out.addAll(names);
        return out;
    }

    public OptionalDouble value(int iteration, String metric, int k) {
        for (MetricRow r : metrics) {
            if (r.iteration() == iteration && r.k() == k && r.metric().equals(metric)) {
                return OptionalDouble.of(r.value());
            }
        }
        return OptionalDouble.empty();
    }

    /** Largest k stored for a metric family of one iteration (0 when absent). */
    public int maxK(int iteration, String metric) {
        return metrics.stream().filter(r -> r.iteration() == iteration && r.metric().equals(metric))
                .mapToInt(MetricRow::k).max().orElse(0);
    }

    /** Stage names in the order the run recorded them, over all iterations. */
    public List<String> stages() {
        List<String> out = new ArrayList<>();
        for (IterationRecord r : iterations) {
            for (String s : r.seconds().keySet()) {
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * The iteration the top-K section compares with iteration 0: the best one, or the last one
     * when the best is iteration 0 itself (the comparison would otherwise be empty).
     */
    public int comparedIteration() {
        return bestIteration > 0 ? bestIteration : lastIteration();
    }

    /** Iterations with calibration buckets, in order. */
    public List<Integer> calibrationIterations() {
        return calibration.stream().map(CalibrationBucket::iteration).distinct().sorted().toList();
    }

    /** Expected calibration error of one iteration's beam candidates (NaN when it has none). */
    public double expectedCalibrationError(int iteration) {
        long n = 0;
        double sum = 0;
        for (CalibrationBucket b : calibration) {
            if (b.iteration() == iteration) {
                n += b.candidates();
                sum += b.candidates() * Math.abs(b.meanProbability() - b.meanReward());
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static boolean isTopKFamily(String metric) {
        for (String f : TOP_K_FAMILIES) {
            if (metric.startsWith(f + "/") || metric.startsWith(f + "_")) {
                return true;
            }
        }
        return false;
    }
}
