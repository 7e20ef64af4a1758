package dev.groot.model.tagger;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.ReverseSequence;
import org.nd4j.linalg.factory.Nd4j;

/** Runtime half of {@link ReverseWithinLengthVertex}: its own inverse, so backprop reverses the epsilons. */
final class ReverseWithinLengthGraphVertex extends BaseGraphVertex {
    private final int maskInputIndex;

    ReverseWithinLengthGraphVertex(ComputationGraph graph, String name, int vertexIndex, String maskInput,
                                   DataType dataType) {
        super(graph, name, vertexIndex, null, null, dataType);
        this.maskInputIndex = graph.getConfiguration().getNetworkInputs().indexOf(maskInput);
        if (maskInputIndex < 0) {
            throw new IllegalArgumentException("vertex " + name + ": no network input named " + maskInput
                    + " (inputs: " + graph.getConfiguration().getNetworkInputs() + ")");
        }
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public boolean isOutputVertex() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return reverse(inputs[0], workspaceMgr, ArrayType.ACTIVATIONS);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        return new Pair<>(null, new INDArray[]{reverse(epsilon, workspaceMgr, ArrayType.ACTIVATION_GRAD)});
    }

    private INDArray reverse(INDArray x, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        INDArray[] masks = graph.getInputMaskArrays();
        INDArray mask = masks == null ? null : masks[maskInputIndex];
        INDArray lengths = mask == null
                ? Nd4j.valueArrayOf(new long[]{x.size(0)}, x.size(2), DataType.INT)
                : mask.sum(1).castTo(DataType.INT);
        INDArray out = workspaceMgr.createUninitialized(type, x.dataType(), x.shape(), 'c');
        ReverseSequence op = new ReverseSequence(x, lengths, 2, 0);
        op.addOutputArgument(out);
        Nd4j.exec(op);
        return out;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray backpropGradientsViewArray) {
        if (backpropGradientsViewArray != null) {
            throw new IllegalStateException("ReverseWithinLengthVertex has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        return new Pair<>(maskArrays == null || maskArrays.length == 0 ? null : maskArrays[0], currentMaskState);
    }

    @Override
    public String toString() {
        return "ReverseWithinLengthGraphVertex(" + getVertexName() + ")";
    }
}
