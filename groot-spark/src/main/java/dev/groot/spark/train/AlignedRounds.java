package dev.groot.spark.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function2;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The averaging rounds of one epoch: round r trains, on every worker, the minibatches at positions
 * [r F, (r + 1) F) of its partition (F = averaging frequency). DL4J's own split deals each
 * partition's minibatches to rounds at random, independently per partition, so a round could pair a
 * worker's cheapest minibatches with another's most expensive ones and wait for the slower; with
 * partitions ordered by {@code LengthBuckets.aligned} the workers of a round get equal work. The
 * order of training stays random (the partition order is a seeded shuffle).
 */
final class AlignedRounds {
    private AlignedRounds() {
    }

    /** One RDD per round over {@code data} (one partition per worker, persisted by the caller). */
    @SuppressWarnings("unchecked")
    static <T> JavaRDD<T>[] split(JavaRDD<T> data, int frequency) {
        if (frequency < 1) {
            throw new IllegalArgumentException("averaging frequency must be >= 1, got " + frequency);
        }
        long longest = data.mapPartitions(it -> {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return List.of(n).iterator();
        }).fold(0L, Math::max);
        int rounds = (int) Math.max(1, (longest + frequency - 1) / frequency);
        JavaRDD<T>[] out = new JavaRDD[rounds];
        for (int r = 0; r < rounds; r++) {
            out[r] = data.mapPartitionsWithIndex(new Positions<>((long) r * frequency, (long) (r + 1) * frequency), true);
        }
        return out;
    }

    /** The elements of each partition at positions [from, to). */
    static final class Positions<T> implements Function2<Integer, Iterator<T>, Iterator<T>> {
        private static final long serialVersionUID = 1L;
        private final long from;
        private final long to;

        Positions(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public Iterator<T> call(Integer partition, Iterator<T> it) {
            List<T> kept = new ArrayList<>();
            for (long i = 0; it.hasNext() && i < to; i++) {
                T next = it.next();
                if (i >= from) {
                    kept.add(next);
                }
            }
            return kept.iterator();
        }
    }
}
