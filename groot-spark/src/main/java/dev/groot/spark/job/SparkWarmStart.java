package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.engine.WarmStart;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedGraphFitter;
import dev.groot.model.update.SentenceGroup;
import dev.groot.model.train.LocalEpochFitter;
import dev.groot.model.train.NllTrainer;
import dev.groot.spark.train.SparkEpochFitter;
import dev.groot.spark.train.TrainingMasterSettings;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Iteration 0 on Spark: the model given by {@code --init-model}, or NLL training on the gold
 * training split (vocabularies counted on the executors, epochs selected by dev top-1 reward of
 * greedy decoding).
 */
final class SparkWarmStart implements WarmStart {

    private final JavaSparkContext jsc;
    private final GrootRunConfig cfg;
    private final JavaRDD<Example> train;
    private final long trainCount;
    private final List<String> taskTags;
    private final String dataFingerprint;
    private final TaggerModel initModel;
    private final DevEvaluation evaluation;
    private final Consumer<String> out;

    /**
     * @param initModel the model of {@code --init-model} (already loaded), or null to train one
     * @param dataFingerprint recorded in a new model's manifest (see {@link #dataFingerprint})
     */
    SparkWarmStart(JavaSparkContext jsc, GrootRunConfig cfg, TaggerModel initModel, JavaRDD<Example> train,
                   long trainCount, String dataFingerprint, List<String> taskTags, DevEvaluation evaluation,
                   Consumer<String> out) {
        this.jsc = jsc;
        this.cfg = cfg;
        this.train = train;
        this.trainCount = trainCount;
        this.taskTags = List.copyOf(taskTags);
        this.dataFingerprint = dataFingerprint;
        this.initModel = initModel;
        this.evaluation = evaluation;
        this.out = out;
    }

    @Override
    public TaggerModel model(String runId) {
        if (initModel != null) {
            out.accept("iteration 0: starting from --init-model " + cfg.initModel());
            return initModel;
        }
        out.accept("iteration 0: NLL warm start on " + trainCount + " sentences");
        TaggerConfig tagger = cfg.tagger();
        // Words from the training split only; tags from every split (the task's tag set).
        Vocabularies vocab = DistributedVocabularies.build(train, taskTags, tagger);
        TaggerModel init = TaggerModel.create(tagger, vocab, ModelManifest.create(tagger, dataFingerprint,
                Map.of("run_id", runId, "iteration", "0")));
        // The NLL warm start is the grouped update with one gold row of weight 1 per sentence.
        JavaRDD<SentenceGroup> groups = train.map(e -> new SentenceGroup(e.tokens(),
                        List.of(new SentenceGroup.Row(e.tags(), 1.0))))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            TrainingMasterSettings master = cfg.master();
            EpochFitter inner = cfg.schedule().localUpdater()
                    ? new LocalEpochFitter<>(vocab, GroupedBatches.UNITS, groups.collect(), master.batchSizePerWorker(),
                    cfg.seed())
                    : new SparkEpochFitter<>(jsc, GroupedBatches.UNITS, groups, vocab, master, true);
            EpochFitter fitter = new GroupedGraphFitter(tagger, vocab, inner);
            NllTrainer trainer = new NllTrainer(cfg.schedule().nllEpochs(), cfg.schedule().nllPatience(), out);
            return trainer.train(init, fitter, m -> evaluation.selectionValue(m, 1, 1), trainCount).best();
        } finally {
            groups.unpersist();
        }
    }

    /** Order-independent (a sum of per-sentence hashes), so it is the same for any partitioning. */
    static String dataFingerprint(JavaRDD<Example> train, long count) {
        long h = train.map(e -> (long) (e.id() + "\u0001" + String.join(" ", e.tokens()) + "\u0001"
                + String.join(" ", e.tags())).hashCode()).fold(0L, Long::sum);
        return Long.toHexString(h) + "-" + count;
    }
}
