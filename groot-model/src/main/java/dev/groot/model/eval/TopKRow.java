package dev.groot.model.eval;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-K figures at one k (1-based).
 *
 * @param meanRewardAtK  mean reward of the k-th candidate over the sentences that have one
 * @param oracleAtK      mean over sentences of the best reward among the first k candidates
 * @param meanRewardTopK mean over sentences of the mean reward of the first k candidates
 * @param sentencesAtK   number of sentences with at least k candidates
 * @param sentences      number of sentences (denominator of the oracle and top-k means)
 */
public record TopKRow(int k, double meanRewardAtK, double oracleAtK, double meanRewardTopK,
                      long sentencesAtK, long sentences) implements Serializable {

    /** The row under the JSON keys of {@code groot evaluate}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("mean_reward_at_k", meanRewardAtK);
        m.put("oracle_at_k", oracleAtK);
        m.put("mean_reward_top_k", meanRewardTopK);
        m.put("sentences_at_k", sentencesAtK);
        return m;
    }
}
