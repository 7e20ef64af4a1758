package dev.groot.model.decode;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One trained DL4J {@code LSTM} layer as plain matrices, for inference outside DL4J's layer code
 * (which runs an input product and a dozen small ops per time step).
 * DL4J's gate layout (LSTMHelpers): columns [0,H) block input (tanh), [H,2H) forget, [2H,3H)
 * output, [3H,4H) input gate (sigmoid). The copies here are rotated to [f o i a], so the three
 * sigmoid gates form one block: a step needs one sigmoid and one tanh call instead of four.
 * Immutable after construction; thread-safe.
 */
final class LstmCell {
    private final int hidden;
    private final INDArray inputWeights; // [nIn, 4H]
    private final INDArray recurrent;    // [H, 4H]
    private final INDArray bias;         // [1, 4H]

    LstmCell(Layer lstm, int hidden) {
        this.hidden = hidden;
        this.inputWeights = gatesFirst(lstm.getParam("W"), hidden);
        this.recurrent = gatesFirst(lstm.getParam("RW"), hidden);
        this.bias = gatesFirst(lstm.getParam("b").reshape(1, 4L * hidden), hidden);
    }

    /** DL4J order [a f o i] -> [f o i a], as a new c-ordered array. */
    static INDArray gatesFirst(INDArray m, long hidden) {
        return Nd4j.hstack(m.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 4 * hidden)),
                m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, hidden))).dup('c');
    }

    int hidden() {
        return hidden;
    }

    /** The input weights [nIn, 4H] in [f o i a] order (callers may fold them into other products). */
    INDArray inputWeights() {
        return inputWeights;
    }

    INDArray bias() {
        return bias;
    }

    /** Input pre-activations plus bias for many rows at once: [N, nIn] -> [N, 4H]. */
    INDArray project(INDArray inputs) {
        return inputs.mmul(inputWeights).addiRowVector(bias);
    }

    /**
     * One step for R rows. {@code z} holds the input pre-activations (bias included) [R, 4H] and is
     * overwritten; the state {h, c}, each [R, H], is replaced by new arrays (never modified).
     */
    void step(INDArray z, INDArray[] state) {
        Nd4j.gemm(state[0], recurrent, z, false, false, 1.0, 1.0); // z += h . RW, in place
        long h = hidden;
        Transforms.sigmoid(z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3 * h)), false);
        INDArray a = Transforms.tanh(z.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * h, 4 * h)), false);
        INDArray f = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
        INDArray o = z.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
        INDArray i = z.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h));
        INDArray cell = state[1].mul(f).addi(i.mul(a));
        state[0] = Transforms.tanh(cell, true).muli(o);
        state[1] = cell;
    }
}
