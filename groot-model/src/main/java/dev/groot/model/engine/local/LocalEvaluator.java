package dev.groot.model.engine.local;

import dev.groot.model.data.Example;
import dev.groot.model.engine.ModelEvaluator;
import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.eval.EvaluationSums;
import dev.groot.model.reward.Reward;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;

import java.util.ArrayList;
import java.util.List;

/** Decodes a dev list in this JVM, batch by batch, and sums its metrics with {@link EvaluationSums}. */
public final class LocalEvaluator implements ModelEvaluator {

    private final List<Example> dev;
    private final List<Reward> rewards;
    private final int k;
    private final int beamWidth;
    private final boolean constrainBio;
    private final int batch;

    /** @param rewards the first one selects the best iteration */
    public LocalEvaluator(List<Example> dev, List<Reward> rewards, int k, int beamWidth, boolean constrainBio,
                          int batch) {
        if (dev.isEmpty()) {
            throw new IllegalArgumentException("no dev examples to evaluate on");
        }
        this.dev = List.copyOf(dev);
        this.rewards = List.copyOf(rewards);
        this.k = k;
        this.beamWidth = beamWidth;
        this.constrainBio = constrainBio;
        this.batch = batch;
    }

    @Override
    public EvaluationResult evaluate(TaggerModel model) {
        return evaluate(model, k, beamWidth);
    }

    /** The metrics at another K / beam width (the warm start selects epochs by greedy top-1). */
    public EvaluationResult evaluate(TaggerModel model, int kk, int beam) {
        EvaluationSums sums = new EvaluationSums(rewards.size(), kk);
        for (int from = 0; from < dev.size(); from += batch) {
            List<Example> part = dev.subList(from, Math.min(dev.size(), from + batch));
            List<List<String>> sentences = new ArrayList<>(part.size());
            for (Example e : part) {
                model.vocabularies().checkTags(e);
                sentences.add(e.tokens());
            }
            List<List<ScoredSequence>> top = model.topK(sentences, kk, beam,
                    constrainBio && model.vocabularies().isBio());
            for (int i = 0; i < part.size(); i++) {
                List<List<String>> ranked = new ArrayList<>();
                for (ScoredSequence s : top.get(i)) {
                    ranked.add(s.tags());
                }
                sums.add(rewards, part.get(i).tags(), ranked);
            }
        }
        return sums.result(rewards);
    }
}
