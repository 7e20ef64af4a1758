package dev.groot.model.tagger;

import dev.groot.model.data.Example;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingBatchesTest {
    private final List<Example> train = SyntheticCorpus.pos(40, 4, "train");
    private final TaggerModel model = TestModels.fresh(train, TaggerConfig.tiny(5));
    private final Vocabularies v = model.vocabularies();

    /** Raw (un-normalised) gradient and score of one batch. */
    private static double[] gradient(ComputationGraph net, MultiDataSet mds, double[] scoreOut) {
        net.setInputs(mds.getFeatures());
        net.setLabels(mds.getLabels());
        net.setLayerMaskArrays(mds.getFeaturesMaskArrays(), mds.getLabelsMaskArrays());
        net.computeGradientAndScore();
        scoreOut[0] = net.score();
        INDArray g = net.gradient().gradient().dup();
        net.clearLayerMaskArrays();
        return g.toDoubleVector();
    }

    @Test
    void weightedBatchGradientIsWeightedSumOfSeparateGradients() {
        List<Example> ex = List.of(train.stream().filter(e -> e.length() == 3).findFirst().orElseThrow(),
                train.stream().filter(e -> e.length() == 5).findFirst().orElseThrow(),
                train.stream().filter(e -> e.length() == 4).findFirst().orElseThrow()); // padding in the batch
        double[] w = {0.7, -1.3, 2.0};
        List<WeightedSequence> rows = List.of(
                new WeightedSequence(ex.get(0).tokens(), ex.get(0).tags(), w[0]),
                new WeightedSequence(ex.get(1).tokens(), ex.get(1).tags(), w[1]),
                new WeightedSequence(ex.get(2).tokens(), ex.get(2).tags(), w[2]));
        ComputationGraph net = model.networkCopy();
        double[] batchScore = new double[1];
        double[] batch = gradient(net, TrainingBatches.build(v, rows), batchScore);

        double[] expected = new double[batch.length];
        double expectedScore = 0;
        double[] nll = new double[3];
        for (int c = 0; c < 3; c++) {
            double[] s = new double[1];
            double[] g = gradient(net, TrainingBatches.build(v, List.of(
                    new WeightedSequence(ex.get(c).tokens(), ex.get(c).tags(), 1.0))), s);
            for (int i = 0; i < g.length; i++) {
                expected[i] += w[c] * g[i];
            }
            nll[c] = s[0];
            expectedScore += w[c] * s[0];
        }
        double max = 0;
        for (double e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        for (int i = 0; i < batch.length; i++) {
            assertEquals(expected[i], batch[i], 1e-4 * Math.max(1, max), "gradient element " + i);
        }
        // the score is the weighted NLL averaged over the minibatch; per row it is -s(y)
        assertEquals(expectedScore / 3, batchScore[0], 1e-4);
        double[] logProbs = model.logProbs(ex.stream().map(Example::tokens).toList(), ex.stream().map(Example::tags).toList());
        for (int c = 0; c < 3; c++) {
            assertEquals(-logProbs[c], nll[c], 1e-4);
        }
    }

    @Test
    void arraysHaveTheTrainingGraphLayout() {
        List<WeightedSequence> rows = List.of(new WeightedSequence(List.of("the", "dog"), List.of("DT", "NN"), -0.5),
                new WeightedSequence(List.of("a"), List.of("DT"), 1.0));
        MultiDataSet mds = TrainingBatches.build(v, rows);
        assertEquals(4, mds.getFeatures().length);
        assertArrayEquals(new long[]{2, 2}, mds.getFeatures(0).shape());
        assertArrayEquals(new long[]{2, v.numTags(), 2}, mds.getLabels(0).shape());
        // previous-tag input: BOS, then the gold tag
        assertEquals(v.bosIndex(), mds.getFeatures(3).getInt(0, 0));
        assertEquals(v.tagIndex("DT"), mds.getFeatures(3).getInt(0, 1));
        // labels carry the weight, the mask stays binary
        assertEquals(-0.5, mds.getLabels(0).getDouble(0, v.tagIndex("NN"), 1), 1e-7);
        assertEquals(1.0, mds.getLabelsMaskArray(0).getDouble(0, 1));
        assertEquals(0.0, mds.getLabelsMaskArray(0).getDouble(1, 1));
        assertEquals(1.0, mds.getLabels(0).slice(1).sumNumber().doubleValue(), 1e-7);
        List<MultiDataSet> mbs = TrainingBatches.minibatches(v, List.of(rows.get(0), rows.get(1), rows.get(0)), 2);
        assertEquals(2, mbs.size());
        assertEquals(1, mbs.get(1).getFeatures(0).size(0));
    }

    @Test
    void badRowsFailClearly() {
        assertThrows(IllegalArgumentException.class, () -> TrainingBatches.build(v, List.of()));
        UnknownTagException e = assertThrows(UnknownTagException.class, () -> TrainingBatches.build(v,
                List.of(new WeightedSequence(List.of("x"), List.of("NOPE"), 1.0))));
        assertTrue(e.getMessage().contains("NOPE"));
        assertThrows(IllegalArgumentException.class, () -> TrainingBatches.build(v,
                List.of(new WeightedSequence(List.of("x"), List.of("DT"), Double.NaN))));
    }
}
