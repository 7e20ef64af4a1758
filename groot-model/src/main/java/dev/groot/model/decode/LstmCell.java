package dev.groot.model.decode;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One trained DL4J {@code LSTM} layer as plain matrices, for inference outside DL4J's layer code
 * (which runs an input product and a dozen small ops per time step).
 * DL4J's gate layout (LSTMHelpers): columns [0,H) block input (tanh), [H,2H) forget, [2H,3H)
 * output, [3H,4H) input gate (sigmoid). The copies here are rotated to [f o i a], the order
 * {@link GateMath} reads. Immutable after construction; thread-safe.
 */
final class LstmCell {
    private final int hidden;
    private final INDArray inputWeights; // [nIn, 4H]
    private final INDArray recurrent;    // [H, 4H]
    private final float[] bias;          // [4H]

    LstmCell(Layer lstm, int hidden) {
        this.hidden = hidden;
        this.inputWeights = gatesFirst(lstm.getParam("W"), hidden);
        this.recurrent = gatesFirst(lstm.getParam("RW"), hidden);
        this.bias = gatesFirst(lstm.getParam("b").reshape(1, 4L * hidden), hidden).data().asFloat();
        if (recurrent.rows() != hidden || recurrent.columns() != 4L * hidden) {
            throw new IllegalArgumentException("LSTM layer " + lstm.conf().getLayer().getLayerName()
                    + " has recurrent weights " + recurrent.shapeInfoToString() + ", expected hidden size " + hidden);
        }
    }

    /** DL4J order [a f o i] -> [f o i a], as a new c-ordered array. */
    static INDArray gatesFirst(INDArray m, long hidden) {
        return Nd4j.hstack(m.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 4 * hidden)),
                m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden))).dup('c');
    }

    int hidden() {
        return hidden;
    }

    /** The input weights [nIn, 4H] in [f o i a] order (callers fold them into other products). */
    INDArray inputWeights() {
        return inputWeights;
    }

    /** The recurrent weights [H, 4H] in [f o i a] order. */
    INDArray recurrent() {
        return recurrent;
    }

    /** The bias [4H] in [f o i a] order (a copy). */
    float[] bias() {
        return bias.clone();
    }
}
