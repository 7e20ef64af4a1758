package dev.groot.model.update;

import dev.groot.model.objective.CreditRule;
import dev.groot.model.objective.NegativeCredit;
import dev.groot.model.objective.PositiveCredit;
import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grouped layer against the standard DL4J graph (same parameters, same rows) and against
 * finite differences. Normalisation: the grouped raw gradient is (G / N) times the summed row
 * gradient, the standard one the summed row gradient itself (GroupedLayout).
 */
class GroupedGradientTest {

    private static void gradients(ComputationGraph net, MultiDataSet mds) {
        net.setInputs(mds.getFeatures());
        net.setLabels(mds.getLabels());
        net.setLayerMaskArrays(mds.getFeaturesMaskArrays(), mds.getLabelsMaskArrays());
        net.computeGradientAndScore();
    }

    /** Asserts grouped gradient * (N / G) equals the standard gradient for every parameter; returns the worst error. */
    private static double compare(TaggerConfig c, Vocabularies v, List<SentenceGroup> groups, double tolerance) {
        return compare(c, v, groups, TrainingBatches.build(v, GroupedBatches.rows(groups)), tolerance);
    }

    private static double compare(TaggerConfig c, Vocabularies v, List<SentenceGroup> groups, MultiDataSet standardRows,
                                  double tolerance) {
        ComputationGraph standard = NetworkFactory.build(c, v);
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v);
        List<WeightedSequence> rows = GroupedBatches.rows(groups);
        gradients(standard, standardRows);
        gradients(grouped, GroupedBatches.build(v, groups));
        double rescale = (double) rows.size() / groups.size();
        double worst = 0;
        Map<String, INDArray> table = GroupedParams.groupedLayer(grouped).paramTable();
        for (String key : table.keySet()) {
            INDArray expected = standard.gradient().getGradientFor(key.replace('-', '_'));
            INDArray actual = GroupedFixtures.groupedGradient(grouped, key).mul(rescale);
            assertTrue(expected.amaxNumber().doubleValue() > 0 || key.startsWith("wordEmb"), key + ": zero gradient");
            double err = GroupedFixtures.relativeError(actual, expected);
            assertTrue(err <= tolerance, key + ": relative error " + err);
            worst = Math.max(worst, err);
        }
        assertEquals(standard.score(), grouped.score(), 1e-5 * Math.abs(standard.score()), "score");
        return worst;
    }

    @Test
    void gradientEqualsStandardGraphWithNegativeWeightsAndPadding() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        List<SentenceGroup> groups = GroupedFixtures.groups(v, 9, 3);
        assertTrue(groups.stream().anyMatch(g -> g.rows().stream().anyMatch(r -> r.weight() < 0)));
        assertTrue(groups.stream().map(g -> g.tokens().size()).distinct().count() > 2, "lengths must differ");
        assertTrue(groups.stream().map(g -> g.rows().size()).distinct().count() > 1, "padding rows needed");
        compare(c, v, groups, 1e-4);
    }

    /**
     * Per-position weights (negative weight only on a row's errors, positive weight of a non-gold row
     * only where it agrees with the gold) against the standard graph whose one-hot labels are scaled
     * position by position: each weight must reach its own position.
     */
    @Test
    void errorPositionWeightsEqualStandardGraphWithPerPositionLabels() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        List<SentenceGroup> groups = new java.util.ArrayList<>();
        for (SentenceGroup g : GroupedFixtures.groups(v, 9, 3)) {
            groups.add(new CreditRule(NegativeCredit.ERROR_POSITIONS, PositiveCredit.AGREEING_POSITIONS)
                    .place(g, g.rows().get(0).tags()));  // row 0 is the gold
        }
        assertTrue(groups.stream().flatMap(g -> g.rows().stream()).anyMatch(r -> r.positionWeights() != null
                && IntStream.range(0, r.tags().size()).anyMatch(t -> r.weightAt(t) == 0)
                && IntStream.range(0, r.tags().size()).anyMatch(t -> r.weightAt(t) < 0)), "no partly credited row");
        assertTrue(groups.stream().flatMap(g -> g.rows().stream().skip(1)).anyMatch(r -> r.positionWeights() != null
                && IntStream.range(0, r.tags().size()).anyMatch(t -> r.weightAt(t) == 0)
                && IntStream.range(0, r.tags().size()).anyMatch(t -> r.weightAt(t) > 0)), "no partly credited positive row");
        List<SentenceGroup.Row> rows = groups.stream().flatMap(g -> g.rows().stream()).toList();
        List<WeightedSequence> unit = GroupedBatches.rows(groups).stream()
                .map(r -> new WeightedSequence(r.tokens(), r.tags(), 1.0)).toList();
        MultiDataSet standard = TrainingBatches.build(v, unit);
        INDArray labels = standard.getLabels(0);
        for (int r = 0; r < rows.size(); r++) {
            for (int t = 0; t < rows.get(r).tags().size(); t++) {
                labels.get(NDArrayIndex.point(r), NDArrayIndex.all(), NDArrayIndex.point(t)).muli(rows.get(r).weightAt(t));
            }
        }
        compare(c, v, groups, standard, 1e-4);
    }

    @Test
    void nllWarmStartEqualsStandardNllGradient() {
        TaggerConfig c = GroupedFixtures.tiny();
        Vocabularies v = GroupedFixtures.vocab(c);
        List<WeightedSequence> gold = SyntheticCorpus.goldRows(GroupedFixtures.TRAIN.subList(0, 12));
        List<SentenceGroup> groups = GroupedBatches.group(gold);
        assertEquals(12, GroupedFixtures.rowCount(groups));
        compare(c, v, groups, 1e-4);
    }

    @Test
    void finiteDifferencesInDoublePrecision() {
        TaggerConfig c = new TaggerConfig(5, 3, 3, 3, 4, 5, 0.0, 1, 2, 5L, "adam", 1e-2, 1e-2, 0.0);
        Vocabularies v = GroupedFixtures.vocab(c);
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v, DataType.DOUBLE);
        List<SentenceGroup> groups = GroupedFixtures.groups(v, 4, 9);
        MultiDataSet mds = GroupedBatches.build(v, groups);
        gradients(grouped, mds);
        // d score / d theta = raw gradient / G (the updater's division), plus the L2 term's derivative
        int g = groups.size();
        Random r = new Random(1);
        double eps = 1e-6;
        int checked = 0;
        for (Map.Entry<String, INDArray> e : GroupedParams.groupedLayer(grouped).paramTable().entrySet()) {
            INDArray p = e.getValue();
            INDArray raw = GroupedFixtures.groupedGradient(grouped, e.getKey()).dup();
            boolean weight = !e.getKey().endsWith("-b");
            for (int k = 0; k < 6; k++) {
                long i = r.nextInt((int) p.length());
                double orig = p.getDouble(i);
                p.putScalar(i, orig + eps);
                double up = grouped.score(mds);
                p.putScalar(i, orig - eps);
                double down = grouped.score(mds);
                p.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                double analytic = raw.getDouble(i) / g + (weight ? c.l2() * orig : 0);
                double tol = 1e-4 * Math.max(1e-2, Math.abs(numeric));
                assertEquals(numeric, analytic, tol, e.getKey() + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked >= 90);
    }

    /** Dropout on: the same random masks (same seed before each pass) must give the finite-difference gradient. */
    @Test
    void finiteDifferencesWithDropoutMasksFixedBySeed() {
        TaggerConfig c = new TaggerConfig(5, 3, 3, 3, 4, 5, 0.3, 1, 2, 6L, "adam", 1e-2, 0.0, 0.0);
        Vocabularies v = GroupedFixtures.vocab(c);
        ComputationGraph grouped = NetworkFactory.buildGrouped(c, v, DataType.DOUBLE);
        MultiDataSet mds = GroupedBatches.build(v, GroupedFixtures.groups(v, 3, 13));
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(77);
        gradients(grouped, mds);
        double dropOff = NetworkFactory.buildGrouped(c.withDropout(0), v, DataType.DOUBLE).score(mds);
        org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(77);
        assertTrue(Math.abs(grouped.score(mds, true) - dropOff) > 1e-6, "dropout must change the training score");
        int g = 3;
        Random r = new Random(2);
        double eps = 1e-6;
        for (Map.Entry<String, INDArray> e : GroupedParams.groupedLayer(grouped).paramTable().entrySet()) {
            INDArray p = e.getValue();
            INDArray raw = GroupedFixtures.groupedGradient(grouped, e.getKey()).dup();
            for (int k = 0; k < 4; k++) {
                long i = r.nextInt((int) p.length());
                double orig = p.getDouble(i);
                p.putScalar(i, orig + eps);
                org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(77);
                double up = grouped.score(mds, true);
                p.putScalar(i, orig - eps);
                org.nd4j.linalg.factory.Nd4j.getRandom().setSeed(77);
                double down = grouped.score(mds, true);
                p.putScalar(i, orig);
                double numeric = (up - down) / (2 * eps);
                assertEquals(numeric, raw.getDouble(i) / g, 1e-4 * Math.max(1e-2, Math.abs(numeric)), e.getKey() + "[" + i + "]");
            }
        }
    }
}
