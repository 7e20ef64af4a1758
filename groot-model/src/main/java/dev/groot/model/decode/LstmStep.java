package dev.groot.model.decode;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The trained decoder LSTM and output layer as plain matrices, so that one step for all beams of
 * all sentences is a handful of matrix products (no per-layer call overhead, no rnnTimeStep).
 * The decoder input is [embed(y_{i-1}); enc_i]; its input projection splits into a tag part
 * (precomputed for every tag here) and an encoder part (precomputed once per sentence position).
 * DL4J's LSTM gate layout (LSTMHelpers): columns [0,H) block input (tanh), [H,2H) forget,
 * [2H,3H) output, [3H,4H) input gate (sigmoid); the copies here are rotated to [f o i a].
 * Immutable after construction; thread-safe.
 */
public final class LstmStep {
    private final int hidden;
    private final INDArray tagProjection;   // [nTags + 1, 4H] = tagEmbedding . W_tag (all 4H blocks in [f o i a] order)
    private final INDArray encoderWeights;  // [2E, 4H]
    private final INDArray bias;            // [1, 4H]
    private final INDArray recurrent;       // [H, 4H]
    private final INDArray outWeights;      // [H, nTags]
    private final INDArray outBias;         // [1, nTags]

    public LstmStep(ComputationGraph net, TaggerConfig c) {
        Layer decoder = net.getLayer(NetworkFactory.DECODER);
        INDArray w = decoder.getParam("W");
        this.hidden = c.decoderSize();
        INDArray tagEmb = net.getLayer(NetworkFactory.TAG_EMB).getParam("W");
        int te = c.tagEmbedding();
        this.tagProjection = sigmoidGatesFirst(tagEmb.mmul(w.get(NDArrayIndex.interval(0, te), NDArrayIndex.all())));
        this.encoderWeights = sigmoidGatesFirst(w.get(NDArrayIndex.interval(te, w.rows()), NDArrayIndex.all()));
        this.bias = sigmoidGatesFirst(decoder.getParam("b").reshape(1, 4L * hidden));
        this.recurrent = sigmoidGatesFirst(decoder.getParam("RW"));
        Layer out = net.getLayer(NetworkFactory.OUTPUT);
        this.outWeights = out.getParam("W").dup('c');
        this.outBias = out.getParam("b").dup('c').reshape(1, outWeights.columns());
    }

    /**
     * DL4J order [a f o i] -> [f o i a]: the three sigmoid gates become one contiguous block, so a
     * step needs one sigmoid and one tanh call on the pre-activations instead of four.
     */
    private INDArray sigmoidGatesFirst(INDArray m) {
        long h = hidden;
        return Nd4j.hstack(m.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 4 * h)),
                m.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h))).dup('c');
    }

    public int hidden() {
        return hidden;
    }

    /** Encoder states [S, 2E, T] (NCW) -> input projections plus bias [S*T, 4H], row s*T + t. */
    public INDArray projectEncoder(INDArray encoded) {
        long s = encoded.size(0), f = encoded.size(1), t = encoded.size(2);
        INDArray rows = encoded.permute(0, 2, 1).dup('c').reshape(s * t, f);
        return rows.mmul(encoderWeights).addiRowVector(bias);
    }

    /**
     * Advances the rows' states by one step (the state arrays are replaced, never modified).
     *
     * @param encProj rows of {@link #projectEncoder} for this step, one per state row [R, 4H]
     * @param prevTags previous tag index per row (nTags = BOS)
     * @param state    {h, c}, each [R, H]; replaced by the new state
     */
    public void advance(INDArray encProj, int[] prevTags, INDArray[] state) {
        INDArray z = gather(tagProjection, prevTags).addi(encProj);
        Nd4j.gemm(state[0], recurrent, z, false, false, 1.0, 1.0); // z += h . RW, in place
        long h = hidden;
        INDArray gates = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 3 * h));
        Transforms.sigmoid(gates, false);
        INDArray a = Transforms.tanh(z.get(NDArrayIndex.all(), NDArrayIndex.interval(3 * h, 4 * h)), false);
        INDArray f = z.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h));
        INDArray o = z.get(NDArrayIndex.all(), NDArrayIndex.interval(h, 2 * h));
        INDArray i = z.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * h, 3 * h));
        INDArray cell = state[1].mul(f).addi(i.mul(a));
        state[0] = Transforms.tanh(cell, true).muli(o);
        state[1] = cell;
    }

    /** log p(tag | state) for every row: [R, nTags]. */
    public INDArray logProbs(INDArray hiddenStates) {
        return logSoftmax(hiddenStates.mmul(outWeights).addiRowVector(outBias));
    }

    /** Decoder activations of the training graph, rows [N, H] -> log p(tag) [N, nTags]. */
    public static INDArray outputLogProbs(ComputationGraph net, INDArray decoderRows) {
        Layer out = net.getLayer(NetworkFactory.OUTPUT);
        INDArray w = out.getParam("W");
        INDArray b = out.getParam("b").reshape(1, w.columns());
        return logSoftmax(decoderRows.mmul(w).addiRowVector(b));
    }

    /** The elements in row-major order (ND4J matrix products may return column-major arrays). */
    static float[] rowMajor(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() && a.offset() == 0 ? a : a.dup('c');
        return c.data().asFloat();
    }

    /** Copies of the given rows (never a view, unlike getRows with one index). */
    static INDArray gather(INDArray matrix, int[] rows) {
        return Nd4j.pullRows(matrix, 1, rows);
    }

    static INDArray logSoftmax(INDArray logits) {
        return Nd4j.exec(new LogSoftMax(logits, 1))[0];
    }
}
