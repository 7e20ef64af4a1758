package dev.groot.model.objective;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The control objective: lambda on gold, 0 elsewhere, whatever the rewards and scores. */
class GoldOnlyObjectiveTest {

    private static final double[] R = {0.2, 1.0, 0.7, 0.0};
    private static final double[] S = {-1.5, -3.25, -2.0, -9.0};

    @Test
    void onlyGoldCarriesLambda() {
        GoldOnlyObjective o = new GoldOnlyObjective(0.75);
        assertArrayEquals(new double[] {0, 0.75, 0, 0}, o.weights(R, S, 1), 0.0);
        assertArrayEquals(new double[] {0.75, 0, 0, 0}, o.weights(R, S, 0), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, o.weights(R, S, -1), 0.0, "no gold: nothing to train on");
    }

    @Test
    void lossIsLambdaTimesGoldNll() {
        GoldOnlyObjective o = new GoldOnlyObjective(0.75);
        assertEquals(0.75 * 3.25, o.loss(R, S, 1), 1e-15);
        assertEquals(0.0, o.loss(R, S, -1), 0.0);
        // weights are -dL/ds: moving s(gold) by h changes L by -lambda * h
        double[] moved = S.clone();
        moved[1] += 0.5;
        assertEquals(-0.75 * 0.5, o.loss(R, moved, 1) - o.loss(R, S, 1), 1e-12);
    }

    @Test
    void builtByNameWithTheRunsLambda() {
        ContrastiveObjective o = Objectives.create("nll", 0.1, 1.0, 2.0, 0.1);
        assertInstanceOf(GoldOnlyObjective.class, o);
        assertArrayEquals(new double[] {0, 0, 2.0, 0}, o.weights(R, S, 2), 0.0);
        assertInstanceOf(GoldOnlyObjective.class, Objectives.create(" NLL ", 0.1, 1.0, 1.0, 0.1));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new GoldOnlyObjective(0));
        assertThrows(IllegalArgumentException.class, () -> new GoldOnlyObjective(Double.NaN));
        GoldOnlyObjective o = new GoldOnlyObjective(1);
        assertThrows(IllegalArgumentException.class, () -> o.weights(R, new double[] {0, 0, 0}, 0));
        assertThrows(IllegalArgumentException.class, () -> o.weights(R, S, 4));
        assertThrows(IllegalArgumentException.class,
                () -> o.weights(R, new double[] {-1, Double.NaN, -2, -3}, 1), "unscored candidate");
    }
}
