package dev.groot.spark.job;

import dev.groot.model.eval.Calibration;
import dev.groot.model.eval.CorpusMetrics;
import dev.groot.model.eval.PairedBootstrap;
import dev.groot.model.eval.RewardMetrics;
import dev.groot.model.inference.Decoding;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.spark.executor.SentencePrediction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reward-aware part of {@code groot compare --decode mbr|both}, on one split: for every MBR
 * reward R, the top-1 value under R of MAP and of MBR(R) for the NLL model and the GROOT model, and
 * paired bootstrap intervals of MBR - MAP (each model), GROOT+MBR - NLL+MAP and GROOT+MBR -
 * NLL+MBR; and the calibration of both models' top-K distributions under the run's reward. Works on
 * the paired, id-sorted predictions compare already holds (see {@link CompareJob#checkPaired}).
 */
final class MbrComparison {

    private MbrComparison() {
    }

    /** One model's top-1 under one reward: per-sentence counts and rewards, and the corpus value. */
    private record Top1(List<CorpusMetrics> counts, double[] rewards, double value) {
        static Top1 of(List<SentencePrediction> predictions, Decoding decoding, Reward reward) {
            List<CorpusMetrics> counts = new ArrayList<>(predictions.size());
            double[] rewards = new double[predictions.size()];
            CorpusMetrics total = new CorpusMetrics();
            double sum = 0;
            for (int i = 0; i < predictions.size(); i++) {
                SentencePrediction p = predictions.get(i);
                List<String> chosen = p.topK().get(decoding.choose(p.topK())).tags();
                counts.add(CorpusMetrics.of(p.gold(), chosen));
                total.merge(counts.get(i));
                rewards[i] = reward.score(p.gold(), chosen);
                sum += rewards[i];
            }
            double mean = predictions.isEmpty() ? Double.NaN : sum / predictions.size();
            return new Top1(counts, rewards, RewardMetrics.corpusValue(reward, total, mean));
        }
    }

    static Map<String, Object> split(List<SentencePrediction> nll, List<SentencePrediction> groot,
                                     List<Reward> mbrRewards, double temperature, Reward runReward,
                                     PairedBootstrap bootstrap) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sentences", nll.size());
        Map<String, Object> byReward = new LinkedHashMap<>();
        for (Reward r : mbrRewards) {
            Decoding mbr = Decoding.mbr(r, temperature);
            Top1 nllMap = Top1.of(nll, Decoding.map(), r);
            Top1 nllMbr = Top1.of(nll, mbr, r);
            Top1 grootMap = Top1.of(groot, Decoding.map(), r);
            Top1 grootMbr = Top1.of(groot, mbr, r);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("aggregation", RewardMetrics.aggregation(r));
            m.put("nll_map", nllMap.value());
            m.put("nll_mbr", nllMbr.value());
            m.put("groot_map", grootMap.value());
            m.put("groot_mbr", grootMbr.value());
            Map<String, Object> gains = new LinkedHashMap<>();
            gains.put("nll_mbr_minus_nll_map", interval(bootstrap, r, nllMap, nllMbr));
            gains.put("groot_mbr_minus_groot_map", interval(bootstrap, r, grootMap, grootMbr));
            gains.put("groot_mbr_minus_nll_map", interval(bootstrap, r, nllMap, grootMbr));
            gains.put("groot_mbr_minus_nll_mbr", interval(bootstrap, r, nllMbr, grootMbr));
            m.put("gains", gains);
            byReward.put(r.name(), m);
        }
        out.put("top1", byReward);
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("reward", runReward.name());
        calibration.put("nll", calibration(nll, runReward).toMap());
        calibration.put("groot", calibration(groot, runReward).toMap());
        out.put("calibration", calibration);
        return out;
    }

    /** One line per reward for the console. */
    static List<String> lines(String split, Map<String, Object> figures) {
        List<String> lines = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> top1 = (Map<String, Map<String, Object>>) figures.get("top1");
        top1.forEach((reward, m) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> g = (Map<String, Map<String, Object>>) m.get("gains");
            Map<String, Object> best = g.get("groot_mbr_minus_nll_map");
            @SuppressWarnings("unchecked")
            List<Double> ci = (List<Double>) best.get("ci95");
            lines.add(String.format("%s %s: NLL map %.4f mbr %.4f | GROOT map %.4f mbr %.4f | GROOT+MBR - NLL+MAP "
                            + "%+.4f, 95%% CI [%+.4f, %+.4f]", split, reward, (Double) m.get("nll_map"),
                    (Double) m.get("nll_mbr"), (Double) m.get("groot_map"), (Double) m.get("groot_mbr"),
                    (Double) best.get("delta"), ci.get(0), ci.get(1)));
        });
        return lines;
    }

    static Calibration calibration(List<SentencePrediction> predictions, Reward reward) {
        Calibration c = new Calibration();
        for (SentencePrediction p : predictions) {
            List<ScoredSequence> top = p.topK();
            double[] logProbs = new double[top.size()];
            double[] rewards = new double[top.size()];
            for (int i = 0; i < top.size(); i++) {
                logProbs[i] = top.get(i).logProb();
                rewards[i] = reward.score(p.gold(), top.get(i).tags());
            }
            c.add(logProbs, rewards);
        }
        return c;
    }

    private static Map<String, Object> interval(PairedBootstrap bootstrap, Reward r, Top1 baseline, Top1 system) {
        PairedBootstrap.Interval i = RewardMetrics.isCorpusLevel(r)
                ? bootstrap.microDifference(baseline.counts(), system.counts(),
                c -> RewardMetrics.corpusValue(r, c, Double.NaN))
                : bootstrap.meanDifference(baseline.rewards(), system.rewards());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseline", baseline.value());
        m.put("system", system.value());
        m.put("delta", i.delta());
        m.put("ci95", List.of(i.lo(), i.hi()));
        m.put("excludes_zero", i.excludesZero());
        return m;
    }
}
