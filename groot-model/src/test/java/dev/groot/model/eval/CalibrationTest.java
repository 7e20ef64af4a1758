package dev.groot.model.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest {

    private static double[] logs(double... p) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Math.log(p[i]);
        }
        return out;
    }

    @Test
    void handComputedReliabilityAndEce() {
        // 4 buckets of width 0.25. Sentence 1: p = .7, .2, .1 (rewards 1, .5, 0).
        // Sentence 2: p = .6, .4 (rewards .5, 1). Sentence 3: one candidate, p = 1 (reward 1).
        Calibration c = new Calibration(4);
        c.add(logs(0.7, 0.2, 0.1), new double[]{1, 0.5, 0});
        c.add(logs(0.6, 0.4), new double[]{0.5, 1});
        c.add(new double[]{-3.0}, new double[]{1});
        // bucket 0 [0,.25): p .2,.1 -> mean p .15, mean r .25, n 2
        // bucket 1 [.25,.5): p .4 -> .4, r 1, n 1
        // bucket 2 [.5,.75): p .7,.6 -> .65, r .75, n 2
        // bucket 3 [.75,1]: p 1 -> 1, r 1, n 1
        List<Calibration.Bucket> b = c.buckets();
        assertEquals(4, b.size());
        assertEquals(6, c.candidates());
        double[][] expected = {{0, 0.25, 2, 0.15, 0.25}, {0.25, 0.5, 1, 0.4, 1}, {0.5, 0.75, 2, 0.65, 0.75},
                {0.75, 1, 1, 1, 1}};
        for (int i = 0; i < 4; i++) {
            assertEquals(expected[i][0], b.get(i).lo(), 1e-12);
            assertEquals(expected[i][1], b.get(i).hi(), 1e-12);
            assertEquals((long) expected[i][2], b.get(i).count());
            assertEquals(expected[i][3], b.get(i).meanProbability(), 1e-12);
            assertEquals(expected[i][4], b.get(i).meanReward(), 1e-12);
        }
        // ECE = (2 * .1 + 1 * .6 + 2 * .1 + 1 * 0) / 6 = 1/6
        assertEquals(1.0 / 6, c.expectedCalibrationError(), 1e-12);
        assertEquals(1.0 / 6, (Double) c.toMap().get("ece"), 1e-12);
    }

    @Test
    void mergeEqualsAddingEverythingToOne() {
        Calibration all = new Calibration(5).add(logs(0.5, 0.3, 0.2), new double[]{0.2, 0.9, 1})
                .add(logs(0.9, 0.1), new double[]{1, 0});
        Calibration left = new Calibration(5).add(logs(0.5, 0.3, 0.2), new double[]{0.2, 0.9, 1});
        Calibration right = new Calibration(5).add(logs(0.9, 0.1), new double[]{1, 0});
        Calibration merged = left.merge(right);
        assertEquals(all.buckets(), merged.buckets());
        assertEquals(all.expectedCalibrationError(), merged.expectedCalibrationError(), 1e-15);
    }

    @Test
    void emptyAndBadInput() {
        assertTrue(Double.isNaN(new Calibration().expectedCalibrationError()));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(0));
        assertThrows(IllegalArgumentException.class, () -> new Calibration().add(new double[]{-1}, new double[]{1, 0}));
        assertThrows(IllegalArgumentException.class, () -> new Calibration(3).merge(new Calibration(4)));
        assertEquals(9, new Calibration(10).bucketOf(0.95));
        assertEquals(9, new Calibration(10).bucketOf(1.0));
        assertEquals(0, new Calibration(10).bucketOf(0.0));
    }
}
