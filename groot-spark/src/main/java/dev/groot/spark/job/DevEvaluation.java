package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.eval.Calibration;
import dev.groot.model.eval.CorpusMetrics;
import dev.groot.model.eval.TopKMetrics;
import dev.groot.model.eval.TopKRow;
import dev.groot.model.inference.Decoding;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.dist.ExecutorModels;
import dev.groot.spark.dist.SentencePrediction;
import dev.groot.spark.dist.TopKDecoding;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes an evaluation split on the executors and aggregates its metrics there: each partition
 * sums corpus counts and per-rank rewards into mergeable accumulators, only those travel back.
 * The first reward is the one selection (best epoch / iteration) is made by. The top-1 figures
 * are those of the candidate the {@link Decoding} picks (MAP unless told otherwise); top-K figures
 * and the calibration of the first reward always follow the beam's order.
 */
public final class DevEvaluation {

    private final JavaSparkContext jsc;
    private final JavaRDD<Example> data;
    private final List<Reward> rewards;
    private final int k;
    private final int beamWidth;
    private final boolean constrainBio;
    private final int batch;
    private final Decoding decoding;

    public DevEvaluation(JavaSparkContext jsc, JavaRDD<Example> data, List<Reward> rewards, int k, int beamWidth,
                         boolean constrainBio, int batch) {
        this(jsc, data, rewards, k, beamWidth, constrainBio, batch, Decoding.map());
    }

    public DevEvaluation(JavaSparkContext jsc, JavaRDD<Example> data, List<Reward> rewards, int k, int beamWidth,
                         boolean constrainBio, int batch, Decoding decoding) {
        this.jsc = jsc;
        this.data = data;
        this.rewards = List.copyOf(rewards);
        this.k = k;
        this.beamWidth = beamWidth;
        this.constrainBio = constrainBio;
        this.batch = batch;
        this.decoding = decoding;
    }

    /** Metrics of one model on the split. */
    public record Result(double selection, Map<String, Double> metrics, Map<String, List<TopKRow>> topK,
                         Map<String, List<TopKRow>> topKWithGoldSpans, String selectionReward,
                         Calibration calibration) implements Serializable {
        /** Top-1 metrics plus every top-K figure as {@code <figure>/<reward>@k} (what the manifest keeps). */
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

        public String headline() {
            StringBuilder sb = new StringBuilder();
            metrics.forEach((name, v) -> {
                if (name.startsWith("top1/")) {
                    sb.append(String.format("%s=%.4f ", name.substring(5), v));
                }
            });
            List<TopKRow> rows = topK.get(selectionReward);
            if (rows != null && !rows.isEmpty()) {
                TopKRow last = rows.get(rows.size() - 1);
                sb.append(String.format("mean_top%d=%.4f oracle@%d=%.4f", last.k(), last.meanRewardTopK(), last.k(),
                        last.oracleAtK()));
            }
            return sb.toString().trim();
        }
    }

    /** Partial sums of one partition. */
    static final class Partial implements Serializable {
        CorpusMetrics counts = new CorpusMetrics();
        final double[] rewardSums;
        final List<TopKMetrics> topK = new ArrayList<>();
        final Calibration calibration = new Calibration();
        long sentences;

        Partial(int rewards, int k) {
            rewardSums = new double[rewards];
            for (int i = 0; i < rewards; i++) {
                topK.add(new TopKMetrics(k));
            }
        }

        Partial merge(Partial o) {
            counts = counts.merge(o.counts);
            for (int i = 0; i < rewardSums.length; i++) {
                rewardSums[i] += o.rewardSums[i];
                topK.set(i, topK.get(i).merge(o.topK.get(i)));
            }
            sentences += o.sentences;
            calibration.merge(o.calibration);
            return this;
        }
    }

    public double selectionValue(TaggerModel model, int k, int beam) {
        return run(model, k, beam).selection();
    }

    public Result evaluate(TaggerModel model) {
        return run(model, k, beamWidth);
    }

    /** Every sentence's top-K list (for bootstrap intervals and predict). */
    public List<SentencePrediction> predictions(TaggerModel model) {
        return predict(model, k, beamWidth).collect();
    }

    private JavaRDD<SentencePrediction> predict(TaggerModel model, int kk, int beam) {
        ExecutorModels.Handle handle = ExecutorModels.broadcast(jsc, "eval-" + UUID.randomUUID(), model);
        boolean bio = constrainBio;
        int b = batch;
        return data.mapPartitions(it -> TopKDecoding.apply(it, handle.get(), kk, beam, bio, b, true));
    }

    private Result run(TaggerModel model, int kk, int beam) {
        List<Reward> rs = rewards;
        int nRewards = rs.size();
        Decoding choice = decoding;
        Partial total = predict(model, kk, beam).mapPartitions(it -> {
            Partial p = new Partial(nRewards, kk);
            while (it.hasNext()) {
                SentencePrediction sp = it.next();
                List<List<String>> ranked = new ArrayList<>();
                double[] logProbs = new double[sp.topK().size()];
                for (ScoredSequence s : sp.topK()) {
                    logProbs[ranked.size()] = s.logProb();
                    ranked.add(s.tags());
                }
                List<String> top1 = ranked.get(choice.choose(sp.topK()));
                p.counts = p.counts.add(sp.gold(), top1);
                for (int i = 0; i < nRewards; i++) {
                    p.rewardSums[i] += rs.get(i).score(sp.gold(), top1);
                    p.topK.set(i, p.topK.get(i).add(sp.gold(), ranked, rs.get(i)));
                }
                double[] rewards0 = new double[ranked.size()];
                for (int j = 0; j < ranked.size(); j++) {
                    rewards0[j] = rs.get(0).score(sp.gold(), ranked.get(j));
                }
                p.calibration.add(logProbs, rewards0);
                p.sentences++;
            }
            return List.of(p).iterator();
        }).reduce(Partial::merge);

        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, List<TopKRow>> topK = new LinkedHashMap<>();
        Map<String, List<TopKRow>> topKSpans = new LinkedHashMap<>();
        double selection = Double.NaN;
        for (int i = 0; i < nRewards; i++) {
            Reward r = rs.get(i);
            double value = RewardMetrics.corpusValue(r, total.counts,
                    total.sentences == 0 ? 0 : total.rewardSums[i] / total.sentences);
            if (i == 0) {
                selection = value;
            }
            metrics.put("top1/" + r.name(), value);
            topK.put(r.name(), total.topK.get(i).rows());
            topKSpans.put(r.name(), total.topK.get(i).rowsWithGoldSpans());
        }
        metrics.putAll(total.counts.toMap());
        return new Result(selection, metrics, topK, topKSpans, rs.get(0).name(), total.calibration);
    }
}
