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
