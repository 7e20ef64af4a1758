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
}
