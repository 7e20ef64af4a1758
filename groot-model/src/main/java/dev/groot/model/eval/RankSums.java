package dev.groot.model.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** Per-rank sums behind {@link TopKMetrics}, for one set of sentences. */
final class RankSums implements Serializable {
    private static final long serialVersionUID = 1L;

    private final FixedSum[] atK;
    private final long[] countAtK;
    private final FixedSum[] oracle;
    private final FixedSum[] meanTop;
    private long sentences;

    RankSums(int k) {
        atK = sums(k);
        oracle = sums(k);
        meanTop = sums(k);
        countAtK = new long[k];
    }

    void add(double[] rewardsByRank) {
        sentences++;
        double best = 0;
        double total = 0;
        int n = Math.min(rewardsByRank.length, atK.length);
        for (int i = 0; i < atK.length; i++) {
            if (i < n) {
                double r = rewardsByRank[i];
                atK[i].add(r);
                countAtK[i]++;
                best = Math.max(best, r);
                total += r;
            }
            // fewer than k candidates: the top-k figures use the candidates there are
            oracle[i].add(best);
            meanTop[i].add(Math.min(1.0, total / Math.min(i + 1, n)));
        }
    }

    void merge(RankSums other) {
        for (int i = 0; i < atK.length; i++) {
            atK[i].merge(other.atK[i]);
            oracle[i].merge(other.oracle[i]);
            meanTop[i].merge(other.meanTop[i]);
            countAtK[i] += other.countAtK[i];
        }
        sentences += other.sentences;
    }

    List<TopKRow> rows() {
        List<TopKRow> rows = new ArrayList<>();
        for (int i = 0; i < atK.length; i++) {
            rows.add(new TopKRow(i + 1, mean(atK[i], countAtK[i]), mean(oracle[i], sentences),
                    mean(meanTop[i], sentences), countAtK[i], sentences));
        }
        return rows;
    }

    long sentences() {
        return sentences;
    }

    private static double mean(FixedSum sum, long count) {
        return count == 0 ? 0.0 : sum.value() / count;
    }

    private static FixedSum[] sums(int k) {
        FixedSum[] s = new FixedSum[k];
        for (int i = 0; i < k; i++) {
            s[i] = new FixedSum();
        }
        return s;
    }
}
