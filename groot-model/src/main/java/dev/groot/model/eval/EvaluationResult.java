package dev.groot.model.eval;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The metrics of one model on an evaluation split.
 *
 * @param selection         the corpus value of the selection reward (best epoch / iteration)
 * @param metrics           top-1 metrics ({@code top1/<reward>}) and the corpus counts
 * @param topK              per reward, the top-K rows over every sentence
 * @param topKWithGoldSpans per reward, the top-K rows over sentences with at least one gold span
 * @param selectionReward   name of the reward {@code selection} is the value of
 * @param calibration       the selection reward's calibration over the top-K lists (beam order)
 */
public record EvaluationResult(double selection, Map<String, Double> metrics, Map<String, List<TopKRow>> topK,
                               Map<String, List<TopKRow>> topKWithGoldSpans, String selectionReward,
                               Calibration calibration)
        implements Serializable {

    /** Top-1 metrics plus every top-K figure as {@code <figure>/<reward>@k} (what the run manifest keeps). */
    public Map<String, Double> flatMetrics() {
        Map<String, Double> flat = new LinkedHashMap<>(metrics);
        flatten(flat, topK, "");
        flatten(flat, topKWithGoldSpans, "_gold_spans");
        return flat;
    }

    private static void flatten(Map<String, Double> flat, Map<String, List<TopKRow>> rows, String suffix) {
        rows.forEach((reward, list) -> {
            for (TopKRow r : list) {
                flat.put("mean_reward_at_k" + suffix + "/" + reward + "@" + r.k(), r.meanRewardAtK());
                flat.put("oracle_at_k" + suffix + "/" + reward + "@" + r.k(), r.oracleAtK());
                flat.put("mean_reward_top_k" + suffix + "/" + reward + "@" + r.k(), r.meanRewardTopK());
            }
        });
    }

    /** One line for the progress log: every top-1 reward and the selection reward's top-K figures. */
    public String headline() {
        StringBuilder sb = new StringBuilder();
        metrics.forEach((name, v) -> {
            if (name.startsWith("top1/")) {
                sb.append(String.format(Locale.ROOT, "%s=%.4f ", name.substring(5), v));
            }
        });
        List<TopKRow> rows = topK.get(selectionReward);
        if (rows != null && !rows.isEmpty()) {
            TopKRow last = rows.get(rows.size() - 1);
            sb.append(String.format(Locale.ROOT, "mean_top%d=%.4f oracle@%d=%.4f", last.k(), last.meanRewardTopK(),
                    last.k(), last.oracleAtK()));
        }
        return sb.toString().trim();
    }
}
