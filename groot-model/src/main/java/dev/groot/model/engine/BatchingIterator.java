package dev.groot.model.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Pulls fixed-size batches from an iterator (e.g. a Spark partition) and flattens the per-batch results lazily. */
public final class BatchingIterator<I, O> implements Iterator<O> {

    private final Iterator<I> input;
    private final int batchSize;
    private final Function<List<I>, List<O>> perBatch;
    private Iterator<O> current = Collections.emptyIterator();

    public BatchingIterator(Iterator<I> input, int batchSize, Function<List<I>, List<O>> perBatch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
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
