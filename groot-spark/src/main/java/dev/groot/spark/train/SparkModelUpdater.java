package dev.groot.spark.train;

import dev.groot.model.data.Example;
import dev.groot.model.engine.IterationSeeds;
import dev.groot.model.engine.ModelUpdater;
import dev.groot.model.objective.CreditRule;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedGraphFitter;
import dev.groot.model.update.SentenceGroup;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.train.LocalEpochFitter;
import dev.groot.spark.store.CandidateStore;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import java.util.Locale;

/**
 * The update step on Spark: an iteration's stored candidates are read once, counted, joined
 * with the tokens of the persisted training RDD and trained on by DL4J's parameter-averaging
 * trainer ({@link SparkEpochFitter}), or in the driver JVM ({@link LocalEpochFitter}) for tests
 * and tiny data. The shuffle seed of every update is derived from (run seed, iteration).
 */
public final class SparkModelUpdater implements ModelUpdater {

    private final JavaSparkContext jsc;
    private final CandidateStore store;
    private final Dataset<Row> trainTokens;
    private final int partitions;
    private final double minWeight;
    private final CreditRule credit;
    private final boolean continueOptimizerState;
    private final boolean local;
    private final TrainingMasterSettings master;
    private final long seed;

    /**
     * @param train     the persisted training examples (their tokens are joined to the candidates)
     * @param minWeight candidates with |w| below this are left out (0 keeps every non-zero weight)
     * @param credit    where a candidate's weight goes (every position, or only its errors / agreements)
     * @param continueOptimizerState start from the optimizer state stored with the model, when it holds one
     * @param local     train in the driver JVM instead of on the executors
     */
    public SparkModelUpdater(SparkSession spark, CandidateStore store, JavaRDD<Example> train, int partitions,
                             double minWeight, CreditRule credit, boolean continueOptimizerState, boolean local,
                             TrainingMasterSettings master, long seed) {
        this.jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.store = store;
        this.trainTokens = CandidateStore.tokens(spark, train);
        this.partitions = partitions;
        this.minWeight = minWeight;
        this.credit = credit;
        this.continueOptimizerState = continueOptimizerState;
        this.local = local;
        this.master = master;
        this.seed = seed;
    }

    @Override
    public UpdateData prepare(int iteration, TaggerModel model) {
        Vocabularies vocabularies = model.vocabularies();
        Dataset<Row> candidates = store.read(iteration).persist(StorageLevel.MEMORY_AND_DISK_SER());
        CandidateStore.UpdateShare share = CandidateStore.updateShare(candidates, minWeight);
        JavaRDD<SentenceGroup> rows = CandidateStore.sentenceGroups(candidates, trainTokens, partitions, minWeight, credit)
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        long iterationSeed = IterationSeeds.of(seed, iteration);
        // Sentence-grouped update: a sentence's candidates share one encoder pass (dev.groot.model.update).
        EpochFitter inner = local
                ? new LocalEpochFitter<>(vocabularies, GroupedBatches.UNITS, rows.collect(), master.batchSizePerWorker(),
                iterationSeed)
                : new SparkEpochFitter<>(jsc, GroupedBatches.UNITS, rows, vocabularies,
                withSeed(master, IterationSeeds.of(master.seed(), iteration)), true);
        EpochFitter fitter = new GroupedGraphFitter(model.config(), vocabularies, inner, continueOptimizerState);
        String summary = String.format(Locale.ROOT, "update: weighted teacher-forced NLL over %,d of %,d candidates "
                        + "(%,d of %,d tokens); %,d rows with |w| < %s left out, carrying %.3f%% of the total |w|",
                share.keptRows(), share.rows(), share.keptTokens(), share.tokens(), share.leftOutRows(),
                String.valueOf(minWeight), 100 * (1 - share.keptWeightShare()));
        return UpdateData.of(fitter, summary, share.keptRows(), share.leftOutRows(), () -> {
            rows.unpersist();
            candidates.unpersist();
        });
    }

    private static TrainingMasterSettings withSeed(TrainingMasterSettings s, long seed) {
        return new TrainingMasterSettings(s.workers(), s.batchSizePerWorker(), s.averagingFrequency(),
                s.prefetchBatches(), s.rddApproach(), s.exportDirectory(), seed);
    }
}
