package dev.groot.model.decode;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The trained decoder LSTM and output layer as plain matrices, so that one step for all beams of
 * all sentences is two matrix products (recurrent and output) plus gate math in Java: no per-layer
 * call overhead, no rnnTimeStep, no native allocation per step.
 * The decoder input is [embed(y_{i-1}); enc_i]; its input projection splits into a tag part
 * (precomputed for every tag here) and an encoder part (computed once per sentence token by
 * {@link #projectEncoder}, bias included). Immutable after construction and thread-safe; the
 * scratch memory is a {@link Workspace} used by one thread at a time.
 */
public final class LstmStep {
    private final int hidden;
    private final int nTags;
    private final INDArray recurrent;       // [H, 4H]
    private final float[] tagProjection;    // [nTags + 1, 4H] = tagEmbedding . W_tag
    private final INDArray encoderWeights;  // [2E, 4H]
    private final float[] bias;             // [4H]
    private final INDArray outWeights;      // [H, nTags]
    private final float[] outBias;          // [nTags]

    public LstmStep(ComputationGraph net, TaggerConfig c) {
        LstmCell cell = new LstmCell(net.getLayer(NetworkFactory.DECODER), c.decoderSize());
        this.hidden = cell.hidden();
        this.recurrent = cell.recurrent();
        this.bias = cell.bias();
        INDArray w = cell.inputWeights();
        int te = c.tagEmbedding();
        INDArray tagEmb = net.getLayer(NetworkFactory.TAG_EMB).getParam("W");
        this.tagProjection = tagEmb.mmul(w.get(NDArrayIndex.interval(0, te), NDArrayIndex.all())).dup('c').data().asFloat();
        this.encoderWeights = w.get(NDArrayIndex.interval(te, w.rows()), NDArrayIndex.all()).dup('c');
        Layer out = net.getLayer(NetworkFactory.OUTPUT);
        this.outWeights = out.getParam("W").dup('c');
        this.nTags = (int) outWeights.columns();
        this.outBias = out.getParam("b").dup('c').data().asFloat();
        if (tagProjection.length != (nTags + 1) * 4 * hidden) {
            throw new IllegalArgumentException("tag embedding has " + tagEmb.rows() + " rows, expected " + (nTags + 1));
        }
    }

    public int hidden() {
        return hidden;
    }

    public int numTags() {
        return nTags;
    }

    /** Scratch buffers for one thread. */
    public Workspace newWorkspace() {
        return new Workspace();
    }

    /**
     * Decoder input projections plus bias of every encoded token: [tokens, 4H], row-major; the
     * array belongs to the workspace and is overwritten by its next call.
     */
    public float[] projectEncoder(LstmEncoder.Encoded encoded, Workspace ws) {
        int g = 4 * hidden;
        int tokens = encoded.tokens();
        ws.encoder = Buffers.fit(ws.encoder, (long) tokens * g);
        ws.encoderProduct.apply(encoded.states(), tokens, ws.encoder);
        float[] p = ws.encoder;
        for (int r = 0; r < tokens; r++) {
            int off = r * g;
            for (int j = 0; j < g; j++) {
                p[off + j] += bias[j];
            }
        }
        return p;
    }

    /**
     * Advances {@code rows} rows by one step and writes their next-tag log-probabilities.
     *
     * @param prevTags   previous tag index per row (nTags = before the first tag)
     * @param encRows    per row, its token's row in {@code encProj}
     * @param encProj    {@link #projectEncoder} of the batch
     * @param h          hidden states [rows, H], updated in place (all zero before the first step)
     * @param c          cell states [rows, H], updated in place
     * @param first      true on the first step (h is zero: the recurrent product is skipped)
     * @param logp       receives log p(tag | row), [rows, nTags]
     */
    public void step(Workspace ws, int rows, int[] prevTags, int[] encRows, float[] encProj,
                     float[] h, float[] c, boolean first, float[] logp) {
        int g = 4 * hidden;
        ws.rec = Buffers.fit(ws.rec, (long) rows * g);
        if (first) {
            java.util.Arrays.fill(ws.rec, 0, rows * g, 0f);
        } else {
            ws.recurrentProduct.apply(h, rows, ws.rec);
        }
        for (int r = 0; r < rows; r++) {
            GateMath.cell(ws.rec, r * g, tagProjection, prevTags[r] * g, encProj, encRows[r] * g, c, h, r * hidden, hidden, ws.gates);
        }
        ws.logits = Buffers.fit(ws.logits, (long) rows * nTags);
        ws.outputProduct.apply(h, rows, ws.logits);
        GateMath.logSoftmax(ws.logits, outBias, rows, nTags, logp);
    }

    /** Scratch memory of {@link #projectEncoder} and {@link #step}, for one thread at a time. */
    public final class Workspace {
        private final RowProduct encoderProduct = new RowProduct(encoderWeights);
        private final RowProduct recurrentProduct = new RowProduct(recurrent);
        private final RowProduct outputProduct = new RowProduct(outWeights);
        private float[] encoder;
        private float[] rec;
        private float[] logits;
        private final double[] gates = new double[4 * hidden];

        private Workspace() {
        }
    }
}
