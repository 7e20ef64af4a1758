package dev.groot.model.eval;

import dev.groot.model.reward.Reward;
import dev.groot.model.reward.Spans;

import java.io.Serializable;
import java.util.List;

/**
 * Quality of the whole top-K list under one reward, for k = 1..K: the mean reward of the k-th
 * candidate, oracle@k (best among the first k) and the mean reward over the first k. A sentence
 * with fewer than k candidates (only possible for very short sentences) is left out of the
 * k-th candidate's mean ({@link TopKRow#sentencesAtK()} says how many remain) and contributes its
 * available candidates to oracle@k and the top-k mean. The same figures are kept separately for
 * the sentences whose gold sequence has at least one span, where candidates beyond rank 1 can
 * score. Mergeable accumulator (exact sums, so any partitioning gives identical results); not
 * thread-safe.
 */
public final class TopKMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int k;
    private final RankSums all;
    private final RankSums withGoldSpans;

    public TopKMetrics(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-K metrics need k >= 1, got " + k);
        }
        this.k = k;
        this.all = new RankSums(k);
        this.withGoldSpans = new RankSums(k);
    }

    /** Scores the candidates (best first) against gold with the reward and adds them. */
    public TopKMetrics add(List<String> gold, List<List<String>> candidatesByRank, Reward reward) {
        int n = Math.min(candidatesByRank.size(), k);
        double[] rewards = new double[n];
        for (int i = 0; i < n; i++) {
            rewards[i] = reward.score(gold, candidatesByRank.get(i));
        }
        return add(gold, rewards);
    }

    /** Adds one sentence's per-rank rewards (best candidate first); gold decides the span subset. */
    public TopKMetrics add(List<String> gold, double[] rewardsByRank) {
        if (rewardsByRank.length == 0) {
            throw new IllegalArgumentException("a sentence with no candidates cannot be evaluated");
        }
        all.add(rewardsByRank);
        if (!Spans.extract(gold).isEmpty()) {
            withGoldSpans.add(rewardsByRank);
        }
        return this;
    }

    public TopKMetrics merge(TopKMetrics other) {
        if (other.k != k) {
            throw new IllegalArgumentException("cannot merge top-" + other.k + " metrics into top-" + k);
        }
        all.merge(other.all);
        withGoldSpans.merge(other.withGoldSpans);
        return this;
    }

    public int k() {
        return k;
    }

    /** Rows for k = 1..K over all sentences. */
    public List<TopKRow> rows() {
        return all.rows();
    }

    /** Rows for k = 1..K over the sentences with at least one gold span. */
    public List<TopKRow> rowsWithGoldSpans() {
        return withGoldSpans.rows();
    }

    public long sentences() {
        return all.sentences();
    }

    public long sentencesWithGoldSpans() {
        return withGoldSpans.sentences();
    }
}
