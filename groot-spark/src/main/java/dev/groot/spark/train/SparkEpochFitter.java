package dev.groot.spark.train;

import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.EpochFitter;
import dev.groot.spark.job.FaultPoints;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * One epoch of (weighted) teacher-forced NLL through DL4J's parameter-averaging trainer.
 * The rows stay distributed: executors shuffle their partition (seeded by epoch and partition),
 * cut it into minibatches and turn them into MultiDataSets; SparkComputationGraph trains them.
 */
public final class SparkEpochFitter implements EpochFitter {

    private final JavaSparkContext jsc;
    private final JavaRDD<WeightedSequence> rows;
    private final Broadcast<Vocabularies> vocabularies;
    private final TrainingMasterSettings settings;
    private final boolean shuffle;
    private final FaultPoints faults = FaultPoints.fromSystemProperties();

    public SparkEpochFitter(JavaSparkContext jsc, JavaRDD<WeightedSequence> rows, Vocabularies vocabularies,
                            TrainingMasterSettings settings, boolean shuffle) {
        this.jsc = jsc;
        this.rows = rows;
        this.vocabularies = jsc.broadcast(vocabularies);
        this.settings = settings;
        this.shuffle = shuffle;
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        JavaRDD<MultiDataSet> batches = minibatches(rows, vocabularies, settings.batchSizePerWorker(),
                shuffle, settings.seed() * 1_000_003L + epoch, faults);
        SparkComputationGraph sparkNet = new SparkComputationGraph(jsc, net, TrainingMasters.create(settings));
        ComputationGraph trained = sparkNet.fitMultiDataSet(batches);
        if (trained != net) {
            // The master averages into its own copy; hand parameters and updater state back.
            net.setParams(trained.params());
            if (trained.getUpdater() != null && trained.getUpdater().getStateViewArray() != null) {
                net.getUpdater().getStateViewArray().assign(trained.getUpdater().getStateViewArray());
            }
        }
        return sparkNet.getScore();
    }

    static JavaRDD<MultiDataSet> minibatches(JavaRDD<WeightedSequence> rows, Broadcast<Vocabularies> vocab,
                                             int batchSize, boolean shuffle, long seed, FaultPoints faults) {
        return rows.mapPartitionsWithIndex((partition, it) -> {
            // Test hook (inert in production): fail the first attempt of this update task.
            faults.maybeFailTask("update");
            List<WeightedSequence> part = new ArrayList<>();
            it.forEachRemaining(part::add);
            if (shuffle) {
                Collections.shuffle(part, new Random(seed * 31 + partition));
            }
            List<MultiDataSet> out = TrainingBatches.minibatches(vocab.value(), part, batchSize);
            Iterator<MultiDataSet> result = out.iterator();
            return result;
        }, true);
    }
}
