package dev.groot.model.eval;

import dev.groot.model.reward.Reward;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mergeable sums of an evaluation: corpus counts of the top-1 predictions, per-reward sums of the
 * top-1 reward, per-rank top-K sums and the selection reward's calibration. A partition (or a local list) adds its sentences; partial
 * sums merge; {@link #result} turns the total into metrics. Merge partials in a fixed order (e.g.
 * by partition) for bitwise-reproducible floating-point sums. The rewards are passed in, not
 * held, so partial sums travel between JVMs as plain arrays and counts.
 */
public final class EvaluationSums implements Serializable {

    private CorpusMetrics counts = new CorpusMetrics();
    private final double[] rewardSums;
    private final List<TopKMetrics> topK = new ArrayList<>();
    private final Calibration calibration = new Calibration();
    private long sentences;

    /** @param rewards how many rewards are summed (the same list is passed to {@link #add} and {@link #result}) */
    public EvaluationSums(int rewards, int k) {
        if (rewards < 1) {
            throw new IllegalArgumentException("an evaluation needs at least one reward");
        }
        this.rewardSums = new double[rewards];
        for (int i = 0; i < rewards; i++) {
            topK.add(new TopKMetrics(k));
        }
    }

    /** @param ranked the model's candidates best first (at least one); the top-1 is the first */
    public EvaluationSums add(List<Reward> rewards, List<String> gold, List<List<String>> ranked) {
        return add(rewards, gold, ranked, null, 0);
    }

    /**
     * @param ranked   the model's candidates in beam order (at least one)
     * @param logProbs their log-probabilities (same order) for the calibration, or null to skip it
     * @param top1     index in {@code ranked} of the prediction the top-1 figures are of (a decoding's
     *                 choice: 0 for MAP); the top-K figures always follow the beam order
     */
    public EvaluationSums add(List<Reward> rewards, List<String> gold, List<List<String>> ranked, double[] logProbs,
                              int top1) {
        checkSize(rewards);
        List<String> chosen = ranked.get(top1);
        counts = counts.add(gold, chosen);
        for (int i = 0; i < rewards.size(); i++) {
            rewardSums[i] += rewards.get(i).score(gold, chosen);
            topK.set(i, topK.get(i).add(gold, ranked, rewards.get(i)));
        }
        if (logProbs != null) {
            double[] selectionRewards = new double[ranked.size()];
            for (int j = 0; j < ranked.size(); j++) {
                selectionRewards[j] = rewards.get(0).score(gold, ranked.get(j));
            }
            calibration.add(logProbs, selectionRewards);
        }
        sentences++;
        return this;
    }

    public EvaluationSums merge(EvaluationSums o) {
        counts = counts.merge(o.counts);
        for (int i = 0; i < rewardSums.length; i++) {
            rewardSums[i] += o.rewardSums[i];
            topK.set(i, topK.get(i).merge(o.topK.get(i)));
        }
        sentences += o.sentences;
        calibration.merge(o.calibration);
        return this;
    }

    /** @param rewards the first one is the selection reward */
    public EvaluationResult result(List<Reward> rewards) {
        checkSize(rewards);
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, List<TopKRow>> rows = new LinkedHashMap<>();
        Map<String, List<TopKRow>> rowsWithSpans = new LinkedHashMap<>();
        double selection = Double.NaN;
        for (int i = 0; i < rewards.size(); i++) {
            Reward r = rewards.get(i);
            double value = RewardMetrics.corpusValue(r, counts, sentences == 0 ? 0 : rewardSums[i] / sentences);
            if (i == 0) {
                selection = value;
            }
            metrics.put("top1/" + r.name(), value);
            rows.put(r.name(), topK.get(i).rows());
            rowsWithSpans.put(r.name(), topK.get(i).rowsWithGoldSpans());
        }
        metrics.putAll(counts.toMap());
        return new EvaluationResult(selection, metrics, rows, rowsWithSpans, rewards.get(0).name(), calibration);
    }

    private void checkSize(List<Reward> rewards) {
        if (rewards.size() != rewardSums.length) {
            throw new IllegalArgumentException("these sums are of " + rewardSums.length + " rewards, got "
                    + rewards.size());
        }
    }
}
