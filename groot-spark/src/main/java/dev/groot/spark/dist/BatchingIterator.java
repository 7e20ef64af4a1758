package dev.groot.spark.dist;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Pulls fixed-size batches from a partition iterator and flattens the per-batch results lazily. */
final class BatchingIterator<I, O> implements Iterator<O> {

    private final Iterator<I> input;
    private final int batchSize;
    private final Function<List<I>, List<O>> perBatch;
    private Iterator<O> current = Collections.emptyIterator();

    BatchingIterator(Iterator<I> input, int batchSize, Function<List<I>, List<O>> perBatch) {
        this.input = input;
        this.batchSize = batchSize;
        this.perBatch = perBatch;
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext() && input.hasNext()) {
            List<I> batch = new ArrayList<>(batchSize);
            while (batch.size() < batchSize && input.hasNext()) {
                batch.add(input.next());
            }
            current = perBatch.apply(batch).iterator();
        }
        return current.hasNext();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }
}
