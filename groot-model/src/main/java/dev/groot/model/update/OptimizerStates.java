package dev.groot.model.update;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * Moves the optimizer (updater) state and the iteration/epoch counts between the standard tagger
 * graph (what models and checkpoints store) and the grouped graph (what trains), so a fine-tuning
 * update can continue the Adam moments of the training before it instead of starting from zero:
 * a fresh Adam state moves every parameter by about the learning rate in its first steps
 * (docs/results/groot-brown-title-grid.md, "Update noise").
 * <p>
 * DL4J keeps the state per updater block: block b covers parameters [pStart, pEnd) of the flat
 * parameter vector and holds k segments of that length (Adam: m then v). Segment j of every block,
 * laid side by side, is a vector in the flat parameter order; such a vector is converted between
 * the graphs exactly as parameters are ({@link GroupedParams}).
 */
public final class OptimizerStates {
    private OptimizerStates() {
    }

    /** Whether the graph holds a state that is not all zeros (a model trained before states were kept has none). */
    public static boolean hasState(ComputationGraph net) {
        INDArray state = net.getUpdater(true).getStateViewArray();
        return state != null && state.length() > 0 && state.amaxNumber().doubleValue() > 0;
    }

    /** Standard -> grouped: the state and counts of {@code standard} into {@code grouped}. */
    public static void toGrouped(ComputationGraph standard, ComputationGraph grouped) {
        copy(standard, grouped, GroupedParams::toGrouped);
    }

    /** Grouped -> standard: the state and counts of {@code grouped} into {@code standard}. */
    public static void toStandard(ComputationGraph grouped, ComputationGraph standard) {
        copy(grouped, standard, GroupedParams::toStandard);
    }

    private static void copy(ComputationGraph from, ComputationGraph to,
                             BiConsumer<ComputationGraph, ComputationGraph> parameterMap) {
        if (from.numParams() != to.numParams()) {
            throw new IllegalArgumentException("graphs of " + from.numParams() + " and " + to.numParams()
                    + " parameters: not the same tagger");
        }
        INDArray[] source = segments(from);
        int k = segmentCount(to);
        if (source.length != k) {
            throw new IllegalArgumentException("optimizer states of " + source.length + " and " + k
                    + " segments per parameter: not the same updater");
        }
        // scratch graphs: a segment is put in as parameters, mapped, and read out
        ComputationGraph scratchFrom = from.clone();
        ComputationGraph scratchTo = to.clone();
        INDArray[] target = new INDArray[k];
        for (int j = 0; j < k; j++) {
            scratchFrom.setParams(source[j].reshape(scratchFrom.params().shape()));
            scratchTo.params().assign(0);
            parameterMap.accept(scratchFrom, scratchTo);
            target[j] = scratchTo.params().dup('c').reshape(to.numParams());
        }
        setSegments(to, target);
        to.getConfiguration().setIterationCount(from.getConfiguration().getIterationCount());
        to.getConfiguration().setEpochCount(from.getConfiguration().getEpochCount());
    }

    private static List<UpdaterBlock> blocks(ComputationGraph net) {
        return ((BaseMultiLayerUpdater<?>) net.getUpdater(true)).getUpdaterBlocks();
    }

    private static int segmentCount(ComputationGraph net) {
        int k = -1;
        for (UpdaterBlock b : blocks(net)) {
            long params = b.getParamOffsetEnd() - b.getParamOffsetStart();
            long state = b.getUpdaterViewOffsetEnd() - b.getUpdaterViewOffsetStart();
            if (params == 0 || state % params != 0) {
                throw new IllegalStateException("updater block of " + params + " parameters with " + state + " state values");
            }
            int blockK = (int) (state / params);
            if (k >= 0 && blockK != k) {
                throw new IllegalStateException("updater blocks with " + k + " and " + blockK + " state segments");
            }
            k = blockK;
        }
        return Math.max(k, 0);
    }

    /** Segment j of every block, side by side: k rank-1 vectors in the flat parameter order. */
    static INDArray[] segments(ComputationGraph net) {
        int k = segmentCount(net);
        INDArray state = flat(net);
        INDArray[] out = new INDArray[k];
        for (int j = 0; j < k; j++) {
            INDArray segment = Nd4j.zeros(net.params().dataType(), net.numParams());
            forEachSlice(net, j, (params, slice) -> segment.get(params).assign(state.get(slice)));
            out[j] = segment;
        }
        return out;
    }

    private static void setSegments(ComputationGraph net, INDArray[] segments) {
        INDArray current = net.getUpdater(true).getStateViewArray();
        if (current == null) {
            return;  // an updater without state (SGD): nothing to carry
        }
        INDArray state = flat(net);
        for (int j = 0; j < segments.length; j++) {
            INDArray segment = segments[j];
            forEachSlice(net, j, (params, slice) -> state.get(slice).assign(segment.get(params)));
        }
        // assigns into the updater's own view (the blocks' m and v are views of it)
        net.getUpdater().setStateViewArray(state.reshape(current.shape()));
    }

    /** For every updater block: its parameters' interval of the flat vector and its segment j's interval of the state. */
    private static void forEachSlice(ComputationGraph net, int j, BiConsumer<INDArrayIndex, INDArrayIndex> slice) {
        for (UpdaterBlock b : blocks(net)) {
            long len = b.getParamOffsetEnd() - b.getParamOffsetStart();
            long at = b.getUpdaterViewOffsetStart() + j * len;
            slice.accept(NDArrayIndex.interval(b.getParamOffsetStart(), b.getParamOffsetEnd()),
                    NDArrayIndex.interval(at, at + len));
        }
    }

    /** A rank-1 copy of the updater's state array (empty for an updater without state). */
    private static INDArray flat(ComputationGraph net) {
        INDArray state = net.getUpdater(true).getStateViewArray();
        if (state == null) {
            return Nd4j.zeros(net.params().dataType(), 0);
        }
        return state.dup('c').reshape(state.length());
    }
}
