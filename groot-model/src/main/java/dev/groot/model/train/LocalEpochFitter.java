package dev.groot.model.train;

import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;
import java.util.Random;

/**
 * Single-JVM epochs over training units (weighted rows or sentence groups, see
 * {@link TrainingUnits}). The order is a deterministic function of (seed, epoch), batched by
 * {@link LengthBuckets}: {@code batchSize} units per minibatch.
 *
 * @param <T> the unit type
 */
public final class LocalEpochFitter<T> implements EpochFitter {
    private final Vocabularies vocab;
    private final TrainingUnits<T> units;
    private final List<T> data;
    private final int batchSize;
    private final long seed;
    private final long tokens;

    public LocalEpochFitter(Vocabularies v, TrainingUnits<T> units, List<T> data, int batchSize, long seed) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("no training rows");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        this.vocab = v;
        this.units = units;
        this.data = List.copyOf(data);
        this.batchSize = batchSize;
        this.seed = seed;
        this.tokens = data.stream().mapToLong(units::rowTokens).sum();
    }

    /** Weighted rows of the standard graph, {@code batchSize} rows per minibatch. */
    public static LocalEpochFitter<WeightedSequence> ofRows(Vocabularies v, List<WeightedSequence> rows, int batchSize,
                                                            long seed) {
        return new LocalEpochFitter<>(v, TrainingUnits.ROWS, rows, batchSize, seed);
    }

    /** @return the mean over rows of the minibatch scores */
    @Override
    public double fitEpoch(ComputationGraph net, int epoch) {
        double lossSum = 0;
        long n = 0;
        for (List<T> batch : batches(epoch)) {
            MultiDataSet mds = units.build(vocab, batch);
            net.fit(mds);
            NativeMemoryReclaimer.SHARED.maybeCollect();
            int rows = batch.stream().mapToInt(units::rows).sum();
            lossSum += net.score() * rows;
            n += rows;
        }
        return lossSum / n;
    }

    /** The epoch's minibatches, in training order. */
    List<List<T>> batches(int epoch) {
        return LengthBuckets.shuffled(data, batchSize, units::length, new Random(seed * 1_000_003L + epoch), false);
    }

    @Override
    public long tokensPerEpoch() {
        return tokens;
    }
}
