package dev.groot.model.train;

import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Single-JVM epochs over weighted rows. The order is a deterministic function of (seed, epoch):
 * shuffle, sort by length within windows of 32 minibatches (less padding, faster), then shuffle
 * the minibatches.
 */
public final class LocalEpochFitter implements EpochFitter {
    private static final int SORT_WINDOW_BATCHES = 32;

    private final Vocabularies vocab;
    private final List<WeightedSequence> rows;
    private final int batchSize;
    private final long seed;
    private final long tokens;

    public LocalEpochFitter(Vocabularies v, List<WeightedSequence> rows, int batchSize, long seed) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no training rows");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        this.vocab = v;
        this.rows = List.copyOf(rows);
        this.batchSize = batchSize;
        this.seed = seed;
        this.tokens = rows.stream().mapToLong(r -> r.tokens().size()).sum();
    }

    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        double lossSum = 0;
        long n = 0;
        for (List<WeightedSequence> batch : batches(epoch)) {
            MultiDataSet mds = TrainingBatches.build(vocab, batch);
            net.fit(mds);
            NativeMemoryReclaimer.SHARED.maybeCollect();
            lossSum += net.score() * batch.size();
            n += batch.size();
        }
        return lossSum / n;
    }

    /** The epoch's minibatches, in training order. */
    List<List<WeightedSequence>> batches(int epoch) {
        Random random = new Random(seed * 1_000_003L + epoch);
        List<WeightedSequence> order = new ArrayList<>(rows);
        Collections.shuffle(order, random);
        int window = batchSize * SORT_WINDOW_BATCHES;
        List<List<WeightedSequence>> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += window) {
            List<WeightedSequence> chunk = new ArrayList<>(order.subList(from, Math.min(order.size(), from + window)));
            chunk.sort(Comparator.comparingInt(r -> r.tokens().size()));
            for (int b = 0; b < chunk.size(); b += batchSize) {
                batches.add(chunk.subList(b, Math.min(chunk.size(), b + batchSize)));
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    @Override
    public long tokensPerEpoch() {
        return tokens;
    }
}
