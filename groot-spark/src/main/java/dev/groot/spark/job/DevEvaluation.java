package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.engine.ModelEvaluator;
import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.eval.EvaluationSums;
import dev.groot.model.inference.Decoding;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.spark.executor.ExecutorModels;
import dev.groot.spark.executor.SentencePrediction;
import dev.groot.spark.executor.TopKDecoding;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Decodes an evaluation split on the executors and aggregates its metrics there: each partition
 * sums corpus counts and per-rank rewards into {@link EvaluationSums}, only those travel back,
 * and the driver merges them in partition order (not in task completion order, which would make
 * the floating-point sums, and so the selection, differ from run to run).
 * The first reward is the one selection (best epoch / iteration) is made by.
 * The top-1 figures are those of the candidate the {@link Decoding} picks (MAP unless told
 * otherwise); top-K figures and the calibration of the first reward always follow the beam's order.
 */
public final class DevEvaluation implements ModelEvaluator {

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

    public double selectionValue(TaggerModel model, int k, int beam) {
        return run(model, k, beam).selection();
    }

    @Override
    public EvaluationResult evaluate(TaggerModel model) {
        return run(model, k, beamWidth);
    }

    /** Every sentence's top-K list (for bootstrap intervals and predict). */
    public List<SentencePrediction> predictions(TaggerModel model) {
        ExecutorModels.Handle handle = broadcast(model);
        try {
            return predict(handle, k, beamWidth).collect();
        } finally {
            handle.destroy();
        }
    }

    private ExecutorModels.Handle broadcast(TaggerModel model) {
        return ExecutorModels.broadcast(jsc, "eval-" + UUID.randomUUID(), model);
    }

    private JavaRDD<SentencePrediction> predict(ExecutorModels.Handle handle, int kk, int beam) {
        boolean bio = constrainBio;
        int b = batch;
        return data.mapPartitions(it -> TopKDecoding.apply(it, handle.get(), kk, beam, bio, b, true));
    }

    private EvaluationResult run(TaggerModel model, int kk, int beam) {
        List<Reward> rs = rewards;
        Decoding choice = decoding;
        ExecutorModels.Handle handle = broadcast(model);
        List<EvaluationSums> partials;
        try {
            partials = predict(handle, kk, beam).mapPartitions(it -> {
                EvaluationSums p = new EvaluationSums(rs.size(), kk);
                while (it.hasNext()) {
                    SentencePrediction sp = it.next();
                    List<List<String>> ranked = new ArrayList<>();
                    double[] logProbs = new double[sp.topK().size()];
                    for (ScoredSequence s : sp.topK()) {
                        logProbs[ranked.size()] = s.logProb();
                        ranked.add(s.tags());
                    }
                    p.add(rs, sp.gold(), ranked, logProbs, choice.choose(sp.topK()));
                }
                return List.of(p).iterator();
            }).collect();
        } finally {
            handle.destroy();
        }
        EvaluationSums total = new EvaluationSums(rs.size(), kk);
        for (EvaluationSums p : partials) {
            total.merge(p);
        }
        return total.result(rs);
    }
}
