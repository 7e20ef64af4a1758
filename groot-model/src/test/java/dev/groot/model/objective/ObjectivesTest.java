package dev.groot.model.objective;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectivesTest {

    /** -dL/ds_c by central differences. */
    private static double[] numericWeights(ContrastiveObjective o, double[] r, double[] s, int gold) {
        double h = 1e-5;
        double[] w = new double[s.length];
        for (int c = 0; c < s.length; c++) {
            double[] plus = s.clone();
            double[] minus = s.clone();
            plus[c] += h;
            minus[c] -= h;
            w[c] = -(o.loss(r, plus, gold) - o.loss(r, minus, gold)) / (2 * h);
        }
        return w;
    }

    @Test
    void klWeightsEqualNumericalDerivative() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(12);
            double[] r = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextDouble();
                s[i] = -30 * random.nextDouble();
            }
            int gold = random.nextInt(n + 1) - 1;
            KlObjective o = new KlObjective(0.05 + random.nextDouble(), 0.5 + 2 * random.nextDouble(), random.nextDouble());
            assertArrayEquals(numericWeights(o, r, s, gold), o.weights(r, s, gold), 1e-6);
        }
    }

    @Test
    void klWeightsSumToLambda() {
        Random random = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + random.nextInt(10);
            double[] r = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextDouble();
                s[i] = -50 * random.nextDouble();
            }
            double lambda = random.nextDouble();
            double[] w = new KlObjective(0.1, 1, lambda).weights(r, s, 0);
            assertEquals(lambda, sum(w), 1e-12);
            assertEquals(0.0, sum(new KlObjective(0.1, 1, lambda).weights(r, s, -1)), 1e-12);
        }
    }

    @Test
    void klIsStableForExtremeScores() {
        double[] r = {1, 0, 0.5};
        double[] s = {-1e4, -2e4, -5};
        KlObjective o = new KlObjective(0.01, 1, 0);
        double[] w = o.weights(r, s, -1);
        for (double v : w) {
            assertTrue(Double.isFinite(v));
        }
        assertTrue(Double.isFinite(o.loss(r, s, -1)));
        // q is almost all on candidate 0, p almost all on candidate 2
        assertEquals(1.0, w[0], 1e-9);
        assertEquals(-1.0, w[2], 1e-9);
        assertEquals(1e4 - 5, o.loss(r, s, -1), 1e-6);
    }

    @Test
    void klLossIsZeroWhenDistributionsMatch() {
        double[] r = {0.2, 0.5, 0.9};
        double[] s = r.clone();
        KlObjective o = new KlObjective(0.3, 0.3, 0);
        assertEquals(0, o.loss(r, s, -1), 1e-12);
        assertArrayEquals(new double[3], o.weights(r, s, -1), 1e-12);
    }

    @Test
    void pairwiseWeightsEqualNumericalDerivative() {
        Random random = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 1 + random.nextInt(10);
            double[] r = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextInt(4) / 4.0; // ties happen
                s[i] = -10 * random.nextDouble();
            }
            int gold = random.nextInt(n + 1) - 1;
            PairwiseMarginObjective o = new PairwiseMarginObjective(0.37, random.nextDouble());
            assertArrayEquals(numericWeights(o, r, s, gold), o.weights(r, s, gold), 1e-6);
        }
    }

    @Test
    void pairwiseHandCase() {
        // rewards 1 > 0.5 > 0: ranks 1, 2, 3; margin 1
        double[] r = {1, 0.5, 0};
        double[] s = {-3, -1, -2.5};
        PairwiseMarginObjective o = new PairwiseMarginObjective(1, 0);
        // (0,1): -1 + 3 + 1 = 3 active; (0,2): -2.5 + 3 + 2 = 2.5 active; (1,2): -2.5 + 1 + 1 = -0.5 inactive
        assertEquals(5.5, o.loss(r, s, -1), 1e-12);
        assertArrayEquals(new double[]{2, -1, -1}, o.weights(r, s, -1), 1e-12);
        assertArrayEquals(new double[]{2, -1, -0.5}, new PairwiseMarginObjective(1, 0.5).weights(r, s, 2), 1e-12);
        assertEquals(5.5 + 0.5 * 2.5, new PairwiseMarginObjective(1, 0.5).loss(r, s, 2), 1e-12);
    }

    @Test
    void pairwiseWeightsSumToLambda() {
        Random random = new Random(9);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + random.nextInt(8);
            double[] r = new double[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextDouble();
                s[i] = -5 * random.nextDouble();
            }
            assertEquals(0.25, sum(new PairwiseMarginObjective(0.5, 0.25).weights(r, s, n - 1)), 1e-12);
        }
    }

    @Test
    void pairwiseTiesShareARankAndFormNoPair() {
        assertArrayEquals(new int[]{1, 1, 3}, PairwiseMarginObjective.ranks(new double[]{1, 1, 0}));
        double[] r = {0.5, 0.5};
        double[] s = {-1, -9};
        PairwiseMarginObjective o = new PairwiseMarginObjective(1, 0);
        assertEquals(0, o.loss(r, s, -1));
        assertArrayEquals(new double[2], o.weights(r, s, -1));
    }

    @Test
    void factoryAndValidation() {
        assertInstanceOf(KlObjective.class, Objectives.parse("kl", 0.1, 1, 0.1));
        assertEquals(Objectives.DEFAULT_MARGIN, ((PairwiseMarginObjective) Objectives.parse("pairwise", 0.1, 1, 0.1)).margin());
        assertEquals(0.5, ((PairwiseMarginObjective) Objectives.parse("pairwise:margin=0.5", 0.1, 1, 0.1)).margin());
        assertThrows(IllegalArgumentException.class, () -> Objectives.parse("listnet", 0.1, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> Objectives.parse("pairwise:margin=x", 0.1, 1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new KlObjective(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new KlObjective(1, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new KlObjective(1, 1, -1));
        KlObjective o = new KlObjective(1, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> o.weights(new double[]{1, 0}, new double[]{-1, Double.NaN}, 0));
        assertTrue(e.getMessage().contains("candidate 1 has log-prob NaN"));
        assertThrows(IllegalArgumentException.class, () -> o.weights(new double[]{1}, new double[]{-1, -2}, 0));
        assertThrows(IllegalArgumentException.class, () -> o.weights(new double[]{1}, new double[]{-1}, 1));
    }

    private static double sum(double[] w) {
        double t = 0;
        for (double v : w) {
            t += v;
        }
        return t;
    }
}
