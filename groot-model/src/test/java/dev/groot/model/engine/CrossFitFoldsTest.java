package dev.groot.model.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fold assignment: in range, balanced, and the same value on every JVM (pinned literals). */
class CrossFitFoldsTest {

    @Test
    void foldsAreInRangeAndBalanced() {
        int n = 30_000;
        for (int folds : new int[]{2, 3, 5}) {
            int[] count = new int[folds];
            for (int i = 0; i < n; i++) {
                int f = CrossFitFolds.foldOf("ca" + (i % 97) + ":" + i, folds);
                assertTrue(f >= 0 && f < folds, "fold " + f + " of " + folds);
                count[f]++;
            }
            for (int f = 0; f < folds; f++) {
                double share = count[f] / (double) n;
                // binomial sd of a share at n = 30,000 is under 0.003; 0.02 is more than 6 sd
                assertEquals(1.0 / folds, share, 0.02, "share of fold " + f + " of " + folds);
            }
        }
    }

    @Test
    void assignmentIsPinnedAcrossVersions() {
        // Literals computed once: a fold model trained on one build must keep holding out the same
        // sentences when a later build generates its held-out candidates.
        StringBuilder folds = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            folds.append(CrossFitFolds.foldOf("ca01:" + i, 5));
        }
        assertEquals("014033120313", folds.toString(), "folds of ca01:1 .. ca01:12 with k = 5");
    }

    @Test
    void refusesFewerThanTwoFolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossFitFolds.foldOf("a", 1));
        assertTrue(e.getMessage().contains("at least 2 folds"), e.getMessage());
    }
}
