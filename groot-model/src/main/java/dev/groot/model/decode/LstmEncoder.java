package dev.groot.model.decode;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The trained encoder of {@link NetworkFactory} (embeddings -> forward LSTM and backward LSTM over
 * each sentence reversed within its length) as plain matrices, for decoding and scoring. Same
 * values as the DL4J graph on every real token, but the input products of both directions and all
 * time steps are one matrix product, each step is one recurrent product over the sentences still
 * running (longest first, so they are a prefix of the rows: no padding is computed) plus the gate
 * math in Java. Immutable after construction and thread-safe; the scratch memory is a
 * {@link Workspace} used by one thread at a time.
 */
public final class LstmEncoder {
    private final Vocabularies vocab;
    private final float[] wordEmb;
    private final float[] shapeEmb;
    private final float[] suffixEmb;
    private final int wordDim;
    private final int shapeDim;
    private final int suffixDim;
    private final int hidden;
    private final INDArray inputWeights; // [nIn, 8E]: forward then backward, each [f o i a]
    private final float[] forwardBias;
    private final float[] backwardBias;
    private final INDArray forwardRecurrent;
    private final INDArray backwardRecurrent;

    public LstmEncoder(ComputationGraph trained, TaggerConfig c, Vocabularies vocab) {
        this.vocab = vocab;
        INDArray w = trained.getLayer(NetworkFactory.WORD_EMB).getParam("W");
        INDArray s = trained.getLayer(NetworkFactory.SHAPE_EMB).getParam("W");
        INDArray x = trained.getLayer(NetworkFactory.SUFFIX_EMB).getParam("W");
        this.wordEmb = w.dup('c').data().asFloat();
        this.shapeEmb = s.dup('c').data().asFloat();
        this.suffixEmb = x.dup('c').data().asFloat();
        this.wordDim = (int) w.columns();
        this.shapeDim = (int) s.columns();
        this.suffixDim = (int) x.columns();
        LstmCell forward = new LstmCell(trained.getLayer(NetworkFactory.ENCODER_FORWARD), c.encoderSize());
        LstmCell backward = new LstmCell(trained.getLayer(NetworkFactory.ENCODER_BACKWARD), c.encoderSize());
        this.hidden = c.encoderSize();
        this.inputWeights = Nd4j.hstack(forward.inputWeights(), backward.inputWeights()).dup('c');
        this.forwardBias = forward.bias();
        this.backwardBias = backward.bias();
        this.forwardRecurrent = forward.recurrent();
        this.backwardRecurrent = backward.recurrent();
        if (inputWeights.rows() != wordDim + shapeDim + suffixDim) {
            throw new IllegalArgumentException("encoder input size " + inputWeights.rows() + " differs from the embeddings' "
                    + (wordDim + shapeDim + suffixDim));
        }
    }

    /** Width of an encoder state row: [forward; backward]. */
    public int width() {
        return 2 * hidden;
    }

    /** Scratch buffers for one thread. */
    public Workspace newWorkspace() {
        return new Workspace();
    }

    /**
     * Encoder states of a batch: row {@code offsets[s] + t} of {@code states} (width {@link #width()})
     * holds [forward; backward] of token t of sentence s. The arrays belong to the workspace and
     * are overwritten by its next {@code encode}.
     */
    public record Encoded(float[] states, int[] offsets, int tokens) {
    }

    public Encoded encode(List<List<String>> batch, Workspace ws) {
        int nSent = batch.size();
        int[] offsets = new int[nSent];
        int[] lengths = new int[nSent];
        int tokens = 0;
        for (int s = 0; s < nSent; s++) {
            offsets[s] = tokens;
            lengths[s] = batch.get(s).size();
            tokens += lengths[s];
        }
        int nIn = wordDim + shapeDim + suffixDim;
        int g = 4 * hidden;
        ws.features = Buffers.fit(ws.features, (long) tokens * nIn);
        for (int s = 0; s < nSent; s++) {
            List<String> sentence = batch.get(s);
            for (int t = 0; t < lengths[s]; t++) {
                String tok = sentence.get(t);
                int off = (offsets[s] + t) * nIn;
                System.arraycopy(wordEmb, vocab.wordIndex(tok) * wordDim, ws.features, off, wordDim);
                System.arraycopy(shapeEmb, vocab.shapeIndex(tok) * shapeDim, ws.features, off + wordDim, shapeDim);
                System.arraycopy(suffixEmb, vocab.suffixIndex(tok) * suffixDim, ws.features, off + wordDim + shapeDim, suffixDim);
            }
        }
        ws.projections = Buffers.fit(ws.projections, (long) tokens * 2 * g);
        ws.input.apply(ws.features, tokens, ws.projections);
        ws.states = Buffers.fit(ws.states, (long) tokens * 2 * hidden);

        Integer[] boxed = new Integer[nSent];
        for (int s = 0; s < nSent; s++) {
            boxed[s] = s;
        }
        Arrays.sort(boxed, Comparator.comparingInt((Integer s) -> -lengths[s]).thenComparingInt(s -> s));
        int[] order = new int[nSent];
        for (int s = 0; s < nSent; s++) {
            order[s] = boxed[s];
        }
        ws.hF = zeros(ws.hF, nSent * hidden);
        ws.cF = zeros(ws.cF, nSent * hidden);
        ws.hB = zeros(ws.hB, nSent * hidden);
        ws.cB = zeros(ws.cB, nSent * hidden);
        ws.rec = zeros(ws.rec, (long) nSent * g);
        int alive = nSent;
        int maxLen = nSent == 0 ? 0 : lengths[order[0]];
        for (int t = 0; t < maxLen; t++) {
            while (alive > 0 && lengths[order[alive - 1]] <= t) {
                alive--;
            }
            // Step t: forward reads token t, backward reads token len-1-t (its own reversed sequence).
            if (t > 0) {
                ws.forward.apply(ws.hF, alive, ws.rec);
            }
            for (int k = 0; k < alive; k++) {
                int row = offsets[order[k]] + t;
                GateMath.cell(ws.rec, k * g, ws.projections, row * 2 * g, forwardBias, 0, ws.cF, ws.hF, k * hidden, hidden, ws.gates);
                System.arraycopy(ws.hF, k * hidden, ws.states, row * 2 * hidden, hidden);
            }
            if (t > 0) {
                ws.backward.apply(ws.hB, alive, ws.rec);
            }
            for (int k = 0; k < alive; k++) {
                int s = order[k];
                int row = offsets[s] + lengths[s] - 1 - t;
                GateMath.cell(ws.rec, k * g, ws.projections, row * 2 * g + g, backwardBias, 0, ws.cB, ws.hB, k * hidden, hidden, ws.gates);
                System.arraycopy(ws.hB, k * hidden, ws.states, row * 2 * hidden + hidden, hidden);
            }
        }
        return new Encoded(ws.states, offsets, tokens);
    }

    private static float[] zeros(float[] a, long n) {
        float[] out = Buffers.fit(a, n);
        Arrays.fill(out, 0, (int) n, 0f);
        return out;
    }

    /** Scratch memory of {@link #encode}, for one thread at a time. */
    public final class Workspace {
        private final RowProduct input = new RowProduct(inputWeights);
        private final RowProduct forward = new RowProduct(forwardRecurrent);
        private final RowProduct backward = new RowProduct(backwardRecurrent);
        private float[] features;
        private float[] projections;
        private float[] states;
        private float[] hF;
        private float[] cF;
        private float[] hB;
        private float[] cB;
        private float[] rec;
        private final double[] gates = new double[4 * hidden];

        private Workspace() {
        }
    }
}
