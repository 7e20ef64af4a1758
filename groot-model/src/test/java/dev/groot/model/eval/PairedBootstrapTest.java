package dev.groot.model.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairedBootstrapTest {

    @Test
    void meanDifferenceCoversTheTrueDifference() {
        Random random = new Random(1);
        double trueDiff = 0.05;
        int covered = 0;
        int excludesZero = 0;
        int datasets = 40;
        for (int d = 0; d < datasets; d++) {
            int n = 400;
            double[] base = new double[n];
            double[] sys = new double[n];
            for (int i = 0; i < n; i++) {
                base[i] = random.nextDouble();
                sys[i] = base[i] + trueDiff + 0.2 * random.nextGaussian();
            }
            PairedBootstrap.Interval ci = new PairedBootstrap(1000, d).meanDifference(base, sys);
            assertTrue(ci.lo() <= ci.delta() && ci.delta() <= ci.hi());
            covered += ci.contains(trueDiff) ? 1 : 0;
            excludesZero += ci.excludesZero() ? 1 : 0;
        }
        // nominal 95%: 40 datasets, allow a few misses
        assertTrue(covered >= 34, "covered " + covered + " of " + datasets);
        // effect 0.05 with sd 0.2 / sqrt(400) = 0.01: zero is excluded essentially always
        assertEquals(datasets, excludesZero);
    }

    @Test
    void noEffectUsuallyIncludesZero() {
        Random random = new Random(2);
        int n = 300;
        double[] base = new double[n];
        double[] sys = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = random.nextDouble();
            sys[i] = base[i] + 0.2 * random.nextGaussian();
        }
        PairedBootstrap.Interval ci = new PairedBootstrap(7).meanDifference(base, sys);
        assertFalse(ci.excludesZero(), ci.toString());
        assertEquals(1000, ci.resamples());
        assertEquals(ci, new PairedBootstrap(7).meanDifference(base, sys), "seeded");
    }

    @Test
    void microDifferenceRecomputesCorpusF1() {
        Random random = new Random(3);
        List<CorpusMetrics> base = new ArrayList<>();
        List<CorpusMetrics> sys = new ArrayList<>();
        CorpusMetrics baseAll = new CorpusMetrics();
        CorpusMetrics sysAll = new CorpusMetrics();
        for (int i = 0; i < 300; i++) {
            List<String> gold = List.of("B-X", "I-X", "O", "B-Y", "O");
            // baseline finds the first span 50% of the time, the system 90%
            List<String> b = random.nextDouble() < 0.5 ? gold : List.of("B-X", "O", "O", "B-Y", "O");
            List<String> s = random.nextDouble() < 0.9 ? gold : List.of("B-X", "O", "O", "B-Y", "O");
            base.add(CorpusMetrics.of(gold, b));
            sys.add(CorpusMetrics.of(gold, s));
            baseAll.add(gold, b);
            sysAll.add(gold, s);
        }
        PairedBootstrap.Interval ci = new PairedBootstrap(11).microDifference(base, sys, CorpusMetrics::spanF1);
        assertEquals(sysAll.spanF1() - baseAll.spanF1(), ci.delta(), 1e-12);
        assertTrue(ci.contains(ci.delta()));
        assertTrue(ci.excludesZero(), ci.toString());
        // population difference of micro F1: F1 = 2c/(g+p) with g = p = 2 per sentence, c = 1.5 vs 1.9
        assertTrue(ci.contains((1.9 - 1.5) / 2), ci.toString());
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(0, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new PairedBootstrap(1).meanDifference(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class,
                () -> new PairedBootstrap(1).meanDifference(new double[0], new double[0]));
    }
}
