package dev.groot.model.train;

import dev.groot.model.tagger.WeightedSequence;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * The one definition of how training rows become minibatches (local and Spark fitters alike):
 * shuffle, sort by length within windows of {@value #SORT_WINDOW_BATCHES} minibatches, cut, then
 * shuffle the minibatches. Padding costs as much as real tokens, and with random batches of
 * Brown-like lengths about half of every minibatch was padding; the window keeps the order random
 * at the scale of an epoch.
 */
public final class LengthBuckets {
    /** Minibatches per sorting window. */
    public static final int SORT_WINDOW_BATCHES = 32;

    private LengthBuckets() {
    }

    /**
     * @param rows        the rows (not modified)
     * @param batchSize   rows per minibatch, > 0
     * @param random      the source of both shuffles (its state decides the order)
     * @param partialLast keep the one short minibatch (if any) at the end: DL4J's Spark worker merges
     *                    a short minibatch with the next one to fill its batch size, which fails for
     *                    different lengths
     * @return minibatches in training order; only one may be shorter than {@code batchSize}
     */
    public static List<List<WeightedSequence>> shuffled(List<WeightedSequence> rows, int batchSize, Random random,
                                                        boolean partialLast) {
        return shuffled(rows, batchSize, r -> r.tokens().size(), random, partialLast);
    }

    /** {@link #shuffled(List, int, Random, boolean)} for any kind of unit, with its length. */
    public static <T> List<List<T>> shuffled(List<T> rows, int batchSize, ToIntFunction<T> length, Random random,
                                             boolean partialLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be > 0, got " + batchSize);
        }
        List<T> order = new ArrayList<>(rows);
        Collections.shuffle(order, random);
        List<List<T>> batches = sortedWithinWindows(order, batchSize, length);
        List<T> partial = partialLast && !batches.isEmpty()
                && batches.get(batches.size() - 1).size() < batchSize ? batches.remove(batches.size() - 1) : null;
        Collections.shuffle(batches, random);
        if (partial != null) {
            batches.add(partial);
        }
        return batches;
    }

    /**
     * One worker's minibatches for synchronous averaging rounds: cut as {@link #shuffled}, then
     * ordered so that every worker's i-th minibatch costs about the same. A round lasts as long as
     * its slowest worker, and minibatches of long sentences cost several times more than short ones.
     * Each worker ranks its full minibatches by cost (padded positions x candidate rows) and all
     * workers place rank {@code π(i)} at position i with one common random permutation π over the
     * first {@code commonCount} ranks. The units were dealt at random into equal shares, so equal
     * ranks have similar costs. Minibatches beyond {@code commonCount} (a share one minibatch
     * larger than another) follow, the short minibatch last.
     *
     * @param commonCount full minibatches every worker has (the smallest share / batch size)
     * @param commonSeed  the same on every worker (varies by epoch)
     */
    public static <T> List<List<T>> aligned(List<T> rows, int batchSize, ToIntFunction<T> length,
                                            ToIntFunction<T> rowCount, Random random, int commonCount,
                                            long commonSeed) {
        List<List<T>> batches = shuffled(rows, batchSize, length, random, true);
        List<T> partial = !batches.isEmpty() && batches.get(batches.size() - 1).size() < batchSize
                ? batches.remove(batches.size() - 1) : null;
        List<List<T>> byCost = new ArrayList<>(batches);
        byCost.sort(Comparator.comparingLong(b -> cost(b, length, rowCount)));
        int common = Math.max(0, Math.min(commonCount, byCost.size()));
        List<List<T>> out = new ArrayList<>(batches.size() + 1);
        if (common > 0) {
            SeededPermutation order = new SeededPermutation(common, commonSeed);
            for (int i = 0; i < common; i++) {
                out.add(byCost.get((int) order.apply(i)));
            }
        }
        out.addAll(byCost.subList(common, byCost.size()));
        if (partial != null) {
            out.add(partial);
        }
        return out;
    }

    /** Work of one minibatch: padded sentence positions times the candidate rows that run over them. */
    static <T> long cost(List<T> batch, ToIntFunction<T> length, ToIntFunction<T> rowCount) {
        long maxLength = 0;
        long rows = 0;
        for (T unit : batch) {
            maxLength = Math.max(maxLength, length.applyAsInt(unit));
            rows += rowCount.applyAsInt(unit);
        }
        return maxLength * rows;
    }

    /** Cuts {@code rows} (in their order) into minibatches of similar lengths, window by window. */
    static <T> List<List<T>> sortedWithinWindows(List<T> rows, int batchSize, ToIntFunction<T> length) {
        int window = batchSize * SORT_WINDOW_BATCHES;
        List<List<T>> batches = new ArrayList<>((rows.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < rows.size(); from += window) {
            List<T> chunk = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + window)));
            chunk.sort(Comparator.comparingInt(length));
            for (int b = 0; b < chunk.size(); b += batchSize) {
                batches.add(new ArrayList<>(chunk.subList(b, Math.min(chunk.size(), b + batchSize))));
            }
        }
        return batches;
    }
}
