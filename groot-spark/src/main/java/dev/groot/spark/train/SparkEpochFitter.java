package dev.groot.spark.train;

import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import dev.groot.model.train.EpochFitter;
import dev.groot.spark.fault.FaultPoints;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * One epoch of (weighted) teacher-forced NLL through DL4J's parameter-averaging trainer.
 * The rows stay distributed: executors shuffle their partition (seeded by epoch and partition),
 * cut it into length-bucketed minibatches (in shuffled order) and turn them into MultiDataSets; SparkComputationGraph trains them.
 */
public final class SparkEpochFitter implements EpochFitter {
    private static final int SORT_WINDOW_BATCHES = 32;

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
            if (!shuffle) {
                // The caller's order, cut as it is (tests compare against the local loop batch for batch).
                Iterator<MultiDataSet> result = TrainingBatches.minibatches(vocab.value(), part, batchSize).iterator();
                return result;
            }
            Random random = new Random(seed * 31 + partition);
            Collections.shuffle(part, random);
            List<List<WeightedSequence>> batches = lengthBucketed(part, batchSize);
            // Only the last minibatch may be short: DL4J's worker merges a short minibatch with the
            // next one to fill batchSizePerWorker, which fails for different lengths. Keep it last.
            List<WeightedSequence> partial = !batches.isEmpty() && batches.get(batches.size() - 1).size() < batchSize
                    ? batches.remove(batches.size() - 1) : null;
            Collections.shuffle(batches, random);
            if (partial != null) {
                batches.add(partial);
            }
            List<MultiDataSet> out = new ArrayList<>(batches.size());
            for (List<WeightedSequence> b : batches) {
                out.add(TrainingBatches.build(vocab.value(), b));
            }
            Iterator<MultiDataSet> result = out.iterator();
            return result;
        }, true);
    }

    /**
     * Minibatches of similar lengths: sorted by length within windows of {@value #SORT_WINDOW_BATCHES}
     * minibatches (as the local fitter does). Padding costs as much as real tokens, and with random
     * batches of Brown-like lengths about half of every minibatch was padding.
     */
    static List<List<WeightedSequence>> lengthBucketed(List<WeightedSequence> rows, int batchSize) {
        int window = batchSize * SORT_WINDOW_BATCHES;
        List<List<WeightedSequence>> batches = new ArrayList<>((rows.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < rows.size(); from += window) {
            List<WeightedSequence> chunk = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + window)));
            chunk.sort(Comparator.comparingInt(r -> r.tokens().size()));
            for (int b = 0; b < chunk.size(); b += batchSize) {
                batches.add(new ArrayList<>(chunk.subList(b, Math.min(chunk.size(), b + batchSize))));
            }
        }
        return batches;
    }
}
