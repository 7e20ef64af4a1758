package dev.groot.spark.train;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.train.EpochFitter;
import dev.groot.model.update.GroupedBatches;
import dev.groot.model.update.GroupedParams;
import dev.groot.model.update.SentenceGroup;
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
 * One epoch of the sentence-grouped update through DL4J's parameter-averaging trainer
 * ({@link SparkComputationGraph} + {@link TrainingMasters}): the trainer and the averaging stay
 * DL4J's, the math is the grouped layer's. Sentence groups stay distributed; executors shuffle their
 * partition (seeded by epoch and partition), sort it by length within windows and pack minibatches
 * of exactly {@code settings.batchSizePerWorker()} GROUPS (DL4J counts examples along dimension 0,
 * which is groups here, and merges short minibatches, so only the last one of a partition may be
 * short). The grouped graph and its updater state are held across epochs; the standard net given to
 * {@link #fitEpoch} receives the parameters after every epoch.
 */
public final class GroupedSparkEpochFitter implements EpochFitter {
    private static final int SORT_WINDOW_BATCHES = 32;

    private final JavaSparkContext jsc;
    private final JavaRDD<SentenceGroup> groups;
    private final Broadcast<Vocabularies> vocabularies;
    private final TaggerConfig config;
    private final TrainingMasterSettings settings;
    private final boolean shuffle;
    private ComputationGraph grouped;
    private ComputationGraph boundTo;

    public GroupedSparkEpochFitter(JavaSparkContext jsc, JavaRDD<SentenceGroup> groups, Vocabularies vocabularies,
                                   TaggerConfig config, TrainingMasterSettings settings, boolean shuffle) {
        this.jsc = jsc;
        this.groups = groups;
        this.vocabularies = jsc.broadcast(vocabularies);
        this.config = config;
        this.settings = settings;
        this.shuffle = shuffle;
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        if (grouped == null || boundTo != net) {
            grouped = NetworkFactory.buildGrouped(config, vocabularies.value());
            GroupedParams.toGrouped(net, grouped);
            boundTo = net;
        }
        JavaRDD<MultiDataSet> batches = minibatches(groups, vocabularies, settings.batchSizePerWorker(), shuffle,
                settings.seed() * 1_000_003L + epoch);
        SparkComputationGraph sparkNet = new SparkComputationGraph(jsc, grouped, TrainingMasters.create(settings));
        ComputationGraph trained = sparkNet.fitMultiDataSet(batches);
        if (trained != grouped) {
            grouped.setParams(trained.params());
            if (trained.getUpdater() != null && trained.getUpdater().getStateViewArray() != null) {
                grouped.getUpdater().getStateViewArray().assign(trained.getUpdater().getStateViewArray());
            }
        }
        GroupedParams.toStandard(grouped, net);
        return sparkNet.getScore();
    }

    static JavaRDD<MultiDataSet> minibatches(JavaRDD<SentenceGroup> groups, Broadcast<Vocabularies> vocab,
                                             int groupsPerBatch, boolean shuffle, long seed) {
        return groups.mapPartitionsWithIndex((partition, it) -> {
            List<SentenceGroup> part = new ArrayList<>();
            it.forEachRemaining(part::add);
            List<List<SentenceGroup>> batches = new ArrayList<>();
            if (!shuffle) {
                // The caller's order, cut as it is (tests compare against the local loop batch for batch).
                for (int from = 0; from < part.size(); from += groupsPerBatch) {
                    batches.add(part.subList(from, Math.min(part.size(), from + groupsPerBatch)));
                }
            } else {
                Random random = new Random(seed * 31 + partition);
                Collections.shuffle(part, random);
                int window = groupsPerBatch * SORT_WINDOW_BATCHES;
                for (int from = 0; from < part.size(); from += window) {
                    List<SentenceGroup> chunk = new ArrayList<>(part.subList(from, Math.min(part.size(), from + window)));
                    chunk.sort(Comparator.comparingInt(g -> g.tokens().size()));
                    for (int b = 0; b < chunk.size(); b += groupsPerBatch) {
                        batches.add(chunk.subList(b, Math.min(chunk.size(), b + groupsPerBatch)));
                    }
                }
                List<SentenceGroup> partial = !batches.isEmpty() && batches.get(batches.size() - 1).size() < groupsPerBatch
                        ? batches.remove(batches.size() - 1) : null;
                Collections.shuffle(batches, random);
                if (partial != null) {
                    batches.add(partial);
                }
            }
            List<MultiDataSet> out = new ArrayList<>(batches.size());
            for (List<SentenceGroup> b : batches) {
                out.add(GroupedBatches.build(vocab.value(), b));
            }
            Iterator<MultiDataSet> result = out.iterator();
            return result;
        }, true);
    }
}
