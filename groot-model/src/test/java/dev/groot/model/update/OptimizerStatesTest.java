package dev.groot.model.update;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.train.LocalEpochFitter;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optimizer state crosses between the grouped and the standard graph parameter by parameter. */
class OptimizerStatesTest {
    private static final TaggerConfig C = GroupedFixtures.tiny();
    private static final Vocabularies V = GroupedFixtures.vocab(C);

    /** Segment j (Adam: 0 = m, 1 = v) of one parameter's state, read through DL4J's own block bookkeeping. */
    private static INDArray stateOf(ComputationGraph net, String layer, String param, int j) {
        INDArray shaped = net.getLayer(layer).getParam(param);
        INDArray state = net.getUpdater().getStateViewArray();
        INDArray flat = state.dup('c').reshape(state.length());
        for (UpdaterBlock b : ((BaseMultiLayerUpdater<?>) net.getUpdater()).getUpdaterBlocks()) {
            for (UpdaterBlock.ParamState ps : b.getLayersAndVariablesInBlock()) {
                Trainable t = ps.getLayer();
                if (t.getConfig().getLayerName().equals(layer) && ps.getParamName().equals(param)) {
                    long blockLen = b.getParamOffsetEnd() - b.getParamOffsetStart();
                    long at = b.getUpdaterViewOffsetStart() + j * blockLen + ps.getParamOffsetStart() - b.getParamOffsetStart();
                    // the state lies like the parameter in the flat vector: read it in the parameter's own order
                    return flat.get(NDArrayIndex.interval(at, at + shaped.length())).dup()
                            .reshape(shaped.ordering(), shaped.shape());
                }
            }
        }
        throw new AssertionError("no parameter " + layer + "/" + param);
    }

    private static ComputationGraph trainedGrouped(int minibatches) {
        ComputationGraph grouped = NetworkFactory.buildGrouped(C, V);
        for (int i = 0; i < minibatches; i++) {
            grouped.fit(GroupedBatches.build(V, GroupedFixtures.groups(V, 4, 20 + i)));
        }
        return grouped;
    }

    @Test
    void groupedStateReachesEachStandardParameterAndComesBack() {
        ComputationGraph grouped = trainedGrouped(3);
        ComputationGraph standard = NetworkFactory.build(C, V);
        assertFalse(OptimizerStates.hasState(standard), "a new graph has no state");
        OptimizerStates.toStandard(grouped, standard);
        assertTrue(OptimizerStates.hasState(standard));
        assertEquals(3, standard.getConfiguration().getIterationCount());
        int checked = 0;
        for (Map.Entry<String, INDArray> e : GroupedParams.groupedLayer(grouped).paramTable().entrySet()) {
            String key = e.getKey();
            int cut = key.lastIndexOf('-');
            for (int j = 0; j < 2; j++) {
                INDArray g = stateOf(grouped, GroupedParams.LAYER, key, j);
                INDArray s = stateOf(standard, key.substring(0, cut), key.substring(cut + 1), j);
                assertTrue(g.amaxNumber().doubleValue() > 0 || key.startsWith("wordEmb"), key + ": no state");
                INDArray gs = g.length() == s.length() && g.rank() != s.rank() ? g.reshape(s.shape()) : g;
                assertEquals(0, gs.sub(s).amaxNumber().doubleValue(), 0.0, key + " segment " + j);
            }
            checked++;
        }
        assertTrue(checked > 10);
        ComputationGraph back = NetworkFactory.buildGrouped(C, V);
        OptimizerStates.toGrouped(standard, back);
        assertEquals(0, back.getUpdater().getStateViewArray().sub(grouped.getUpdater().getStateViewArray())
                .amaxNumber().doubleValue(), 0.0);
        assertEquals(3, back.getConfiguration().getIterationCount());
    }

    /** Stored models keep the state and the counts (ModelSerializer with the updater, as ModelIO writes them). */
    @Test
    void theStateAndCountsSurviveSavingAndLoading() throws Exception {
        ComputationGraph standard = NetworkFactory.build(C, V);
        OptimizerStates.toStandard(trainedGrouped(2), standard);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        org.deeplearning4j.util.ModelSerializer.writeModel(standard, bytes, true);
        ComputationGraph loaded = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(
                new java.io.ByteArrayInputStream(bytes.toByteArray()), true);
        assertEquals(2, loaded.getConfiguration().getIterationCount());
        assertEquals(0, loaded.getUpdater().getStateViewArray().sub(standard.getUpdater().getStateViewArray())
                .amaxNumber().doubleValue(), 0.0);
    }

    /** Epoch 2 by a new fitter that continues the state equals epoch 2 of the fitter that trained epoch 1. */
    @Test
    void aContinuingFitterResumesWhereTheLastOneStopped() {
        List<SentenceGroup> groups = GroupedFixtures.groups(V, 12, 5);
        ComputationGraph once = NetworkFactory.build(C, V);
        GroupedGraphFitter both = new GroupedGraphFitter(C, V, new LocalEpochFitter<>(V, GroupedBatches.UNITS, groups, 3, 9L));
        both.fitEpoch(once, 1);
        ComputationGraph split = NetworkFactory.copy(once);
        assertEquals(once.getConfiguration().getIterationCount(), split.getConfiguration().getIterationCount());
        assertTrue(split.getConfiguration().getIterationCount() > 0);
        both.fitEpoch(once, 2);

        new GroupedGraphFitter(C, V, new LocalEpochFitter<>(V, GroupedBatches.UNITS, groups, 3, 9L), true)
                .fitEpoch(split, 2);
        assertEquals(0, split.params().sub(once.params()).amaxNumber().doubleValue(), 1e-6, "continued state");

        ComputationGraph start = NetworkFactory.build(C, V);
        both = new GroupedGraphFitter(C, V, new LocalEpochFitter<>(V, GroupedBatches.UNITS, groups, 3, 9L));
        both.fitEpoch(start, 1);
        new GroupedGraphFitter(C, V, new LocalEpochFitter<>(V, GroupedBatches.UNITS, groups, 3, 9L), false)
                .fitEpoch(start, 2);
        assertTrue(start.params().sub(once.params()).amaxNumber().doubleValue() > 1e-4,
                "a fresh state must train differently");
    }
}
