package dev.groot.model.engine.local;

import dev.groot.model.data.Example;
import dev.groot.model.engine.WarmStart;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.train.LocalEpochFitter;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedGraphFitter;
import dev.groot.model.train.NllTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/** Iteration 0 in this JVM: NLL training on gold with early stopping on dev top-1 (greedy) reward. */
public final class LocalWarmStart implements WarmStart {

    private final List<Example> train;
    private final LocalEvaluator dev;
    private final TaggerConfig config;
    private final int epochs;
    private final int patience;
    private final int batchSize;
    private final long seed;
    private final Consumer<String> out;

    public LocalWarmStart(List<Example> train, LocalEvaluator dev, TaggerConfig config, int epochs, int patience,
                          int batchSize, long seed, Consumer<String> out) {
        this.train = List.copyOf(train);
        this.dev = dev;
        this.config = config;
        this.epochs = epochs;
        this.patience = patience;
        this.batchSize = batchSize;
        this.seed = seed;
        this.out = out;
    }

    @Override
    public TaggerModel model(String runId) {
        out.accept("iteration 0: NLL warm start on " + train.size() + " sentences");
        TreeSet<String> tags = new TreeSet<>();
        List<WeightedSequence> rows = new ArrayList<>(train.size());
        List<String> ids = new ArrayList<>(train.size());
        for (Example e : train) {
            tags.addAll(e.tags());
            rows.add(new WeightedSequence(e.tokens(), e.tags(), 1.0));
            ids.add(e.id());
        }
        Vocabularies vocab = Vocabularies.build(train, config).withTaskTags(tags);
        TaggerModel init = TaggerModel.create(config, vocab, ModelManifest.create(config,
                ModelManifest.hashExamples(train), Map.of("run_id", runId, "iteration", "0")));
        // The same grouped update as GROOT's, with one gold row of weight 1 per sentence.
        EpochFitter fitter = new GroupedGraphFitter(config, vocab, new LocalEpochFitter<>(vocab, GroupedBatches.UNITS,
                GroupedBatches.group(rows, ids), batchSize, seed));
        return new NllTrainer(epochs, patience, out)
                .train(init, fitter, m -> dev.evaluate(m, 1, 1).selection(), train.size()).best();
    }
}
