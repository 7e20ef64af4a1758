package dev.groot.model.decode;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The trained decoder LSTM and output layer as plain matrices, so that one step for all beams of
 * all sentences is a handful of matrix products (no per-layer call overhead, no rnnTimeStep).
 * The decoder input is [embed(y_{i-1}); enc_i]; its input projection splits into a tag part
 * (precomputed for every tag here) and an encoder part (precomputed once per sentence position).
 * Immutable after construction; thread-safe.
 */
public final class LstmStep {
    private final LstmCell cell;
    private final INDArray tagProjection;   // [nTags + 1, 4H] = tagEmbedding . W_tag
    private final INDArray encoderWeights;  // [2E, 4H]
    private final INDArray outWeights;      // [H, nTags]
    private final INDArray outBias;         // [1, nTags]

    public LstmStep(ComputationGraph net, TaggerConfig c) {
        this.cell = new LstmCell(net.getLayer(NetworkFactory.DECODER), c.decoderSize());
        INDArray w = cell.inputWeights();
        int te = c.tagEmbedding();
        INDArray tagEmb = net.getLayer(NetworkFactory.TAG_EMB).getParam("W");
        this.tagProjection = tagEmb.mmul(w.get(NDArrayIndex.interval(0, te), NDArrayIndex.all())).dup('c');
        this.encoderWeights = w.get(NDArrayIndex.interval(te, w.rows()), NDArrayIndex.all()).dup('c');
        Layer out = net.getLayer(NetworkFactory.OUTPUT);
        this.outWeights = out.getParam("W").dup('c');
        this.outBias = out.getParam("b").dup('c').reshape(1, outWeights.columns());
    }

    public int hidden() {
        return cell.hidden();
    }

    /** Encoder rows [N, 2E] ({@link LstmEncoder#encodeRows}) -> decoder input projections plus bias [N, 4H]. */
    public INDArray projectEncoder(INDArray encoderRows) {
        return encoderRows.mmul(encoderWeights).addiRowVector(cell.bias());
    }

    /**
     * Advances the rows' states by one step (the state arrays are replaced, never modified).
     *
     * @param encProj rows of {@link #projectEncoder} for this step, one per state row [R, 4H]
     * @param prevTags previous tag index per row (nTags = BOS)
     * @param state    {h, c}, each [R, H]; replaced by the new state
     */
    public void advance(INDArray encProj, int[] prevTags, INDArray[] state) {
        cell.step(gather(tagProjection, prevTags).addi(encProj), state);
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
