package dev.groot.model.train;

import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;
import java.util.Random;

/**
 * Single-JVM epochs over weighted rows. The order is a deterministic function of (seed, epoch),
 * batched by {@link LengthBuckets}.
 */
public final class LocalEpochFitter implements EpochFitter {
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
        return LengthBuckets.shuffled(rows, batchSize, new Random(seed * 1_000_003L + epoch), false);
    }

    @Override
    public long tokensPerEpoch() {
        return tokens;
    }
}
