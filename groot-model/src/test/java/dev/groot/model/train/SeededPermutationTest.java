package dev.groot.model.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededPermutationTest {

    @Test
    void everyIndexMapsToADistinctIndexInRange() {
        for (int n : new int[]{1, 2, 3, 5, 16, 17, 100, 1023, 4097}) {
            SeededPermutation p = new SeededPermutation(n, 42L);
            boolean[] hit = new boolean[n];
            for (int i = 0; i < n; i++) {
                long v = p.apply(i);
                assertTrue(v >= 0 && v < n, "n=" + n + ": " + i + " -> " + v);
                assertTrue(!hit[(int) v], "n=" + n + ": " + v + " twice");
                hit[(int) v] = true;
            }
        }
    }

    @Test
    void theSeedDecidesTheOrderAndTheSameSeedRepeatsIt() {
        int n = 1000;
        SeededPermutation a = new SeededPermutation(n, 1L);
        SeededPermutation again = new SeededPermutation(n, 1L);
        SeededPermutation b = new SeededPermutation(n, 2L);
        int fixedPoints = 0;
        int same = 0;
        long displacement = 0;
        for (int i = 0; i < n; i++) {
            assertEquals(a.apply(i), again.apply(i));
            fixedPoints += a.apply(i) == i ? 1 : 0;
            same += a.apply(i) == b.apply(i) ? 1 : 0;
            displacement += Math.abs(a.apply(i) - i);
        }
        // a random permutation has ~1 fixed point and moves an index n/3 on average
        assertTrue(fixedPoints < 10, fixedPoints + " fixed points");
        assertTrue(same < 10, same + " indices agree between two seeds");
        assertTrue(displacement / (double) n > n / 5.0, "mean displacement " + displacement / (double) n);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SeededPermutation(0, 1L));
        assertThrows(IndexOutOfBoundsException.class, () -> new SeededPermutation(5, 1L).apply(5));
    }
}
