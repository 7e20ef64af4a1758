package dev.groot.model.train;

import dev.groot.model.tagger.WeightedSequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthBucketsTest {

    /** 1,000 rows of lengths 1..40, each row identified by its weight. */
    private static List<WeightedSequence> rows() {
        Random r = new Random(1);
        List<WeightedSequence> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int len = 1 + r.nextInt(40);
            List<String> t = Collections.nCopies(len, "w");
            rows.add(new WeightedSequence(t, Collections.nCopies(len, "O"), i));
        }
        return rows;
    }

    @Test
    void everyRowOnceAndOnlyTheLastBatchShortWhenAsked() {
        List<List<WeightedSequence>> batches = LengthBuckets.shuffled(rows(), 32, new Random(7), true);
        boolean[] seen = new boolean[1000];
        for (int b = 0; b < batches.size(); b++) {
            for (WeightedSequence s : batches.get(b)) {
                int id = (int) s.weight();
                assertTrue(!seen[id], "row " + id + " twice");
                seen[id] = true;
            }
            if (b < batches.size() - 1) {
                assertEquals(32, batches.get(b).size(), "batch " + b);
            }
        }
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen[i], "row " + i + " missing");
        }
        // 1000 = 31 x 32 + 8: the one short batch is last
        assertEquals(8, batches.get(batches.size() - 1).size());
    }

    @Test
    void batchesHoldSimilarLengths() {
        // Random batches of lengths 1..40 span ~38 on average; sorted windows of 32 batches span a few.
        double spread = 0;
        List<List<WeightedSequence>> batches = LengthBuckets.shuffled(rows(), 32, new Random(7), false);
        for (List<WeightedSequence> b : batches) {
            int min = b.stream().mapToInt(s -> s.tokens().size()).min().orElseThrow();
            int max = b.stream().mapToInt(s -> s.tokens().size()).max().orElseThrow();
            spread += max - min;
        }
        assertTrue(spread / batches.size() < 5, "mean length spread per batch " + spread / batches.size());
    }

    @Test
    void theOrderIsAFunctionOfTheRandomState() {
        assertEquals(LengthBuckets.shuffled(rows(), 16, new Random(3), false),
                LengthBuckets.shuffled(rows(), 16, new Random(3), false));
        assertTrue(!LengthBuckets.shuffled(rows(), 16, new Random(3), false)
                .equals(LengthBuckets.shuffled(rows(), 16, new Random(4), false)));
    }

    @Test
    void aBatchSizeBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LengthBuckets.shuffled(rows(), 0, new Random(1), false));
    }

    /**
     * Two workers' shares of the same rows: with {@link LengthBuckets#aligned} their i-th minibatches
     * cost about the same (a round waits for its slower worker); with independently shuffled
     * minibatches they do not. Every row still trains once.
     */
    @Test
    void alignedSharesGiveEveryRoundEqualWork() {
        List<WeightedSequence> all = rows();
        List<WeightedSequence> a = new ArrayList<>();
        List<WeightedSequence> b = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 2 == 0 ? a : b).add(all.get(i));
        }
        int common = 500 / 16;
        List<List<WeightedSequence>> alignedA = LengthBuckets.aligned(a, 16, r -> r.tokens().size(), r -> 1, new Random(1), common, 99L);
        List<List<WeightedSequence>> alignedB = LengthBuckets.aligned(b, 16, r -> r.tokens().size(), r -> 1, new Random(2), common, 99L);
        List<List<WeightedSequence>> plainA = LengthBuckets.shuffled(a, 16, r -> r.tokens().size(), new Random(1), true);
        List<List<WeightedSequence>> plainB = LengthBuckets.shuffled(b, 16, r -> r.tokens().size(), new Random(2), true);
        double alignedWaste = waste(alignedA, alignedB, common);
        double plainWaste = waste(plainA, plainB, common);
        assertTrue(alignedWaste < 0.08, "aligned rounds idle " + alignedWaste + " of the slower worker's time");
        assertTrue(plainWaste > 2 * alignedWaste, "independent shuffles idle " + plainWaste + ", aligned " + alignedWaste);

        boolean[] seen = new boolean[1000];
        for (List<List<WeightedSequence>> share : List.of(alignedA, alignedB)) {
            for (int i = 0; i < share.size(); i++) {
                if (i < share.size() - 1) {
                    assertEquals(16, share.get(i).size(), "only the last minibatch may be short");
                }
                for (WeightedSequence s : share.get(i)) {
                    assertTrue(!seen[(int) s.weight()], "row twice");
                    seen[(int) s.weight()] = true;
                }
            }
        }
        for (boolean s : seen) {
            assertTrue(s, "a row is missing");
        }
        // the order is a shuffle, not the cost ranking itself
        long rising = 0;
        for (int i = 1; i < common; i++) {
            rising += LengthBuckets.cost(alignedA.get(i), r -> r.tokens().size(), r -> 1)
                    > LengthBuckets.cost(alignedA.get(i - 1), r -> r.tokens().size(), r -> 1) ? 1 : 0;
        }
        assertTrue(rising < common - 5, "minibatches are not in cost order");
    }

    /** Fraction of the round time (max of the two workers' costs) the faster worker idles, over the rounds. */
    private static double waste(List<List<WeightedSequence>> a, List<List<WeightedSequence>> b, int rounds) {
        double idle = 0;
        double total = 0;
        for (int i = 0; i < rounds; i++) {
            long ca = LengthBuckets.cost(a.get(i), r -> r.tokens().size(), r -> 1);
            long cb = LengthBuckets.cost(b.get(i), r -> r.tokens().size(), r -> 1);
            idle += Math.abs(ca - cb);
            total += 2.0 * Math.max(ca, cb);
        }
        return idle / total;
    }
}
