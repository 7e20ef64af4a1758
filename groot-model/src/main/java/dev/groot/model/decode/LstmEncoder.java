package dev.groot.model.decode;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

/**
 * The trained encoder of {@link NetworkFactory} (embeddings -> forward LSTM and backward LSTM over
 * each sentence reversed within its length) as plain matrices, for decoding. Same values as the
 * DL4J encoder graph on every real token, but the input products of all time steps are one matrix
 * product per direction and each step is one recurrent product plus the gate ops.
 * Rows are kept time-major (row t*S + s) while stepping, so a step's rows are one contiguous block.
 * Immutable after construction; thread-safe.
 */
public final class LstmEncoder {
    private final Vocabularies vocab;
    private final INDArray wordEmb;
    private final INDArray shapeEmb;
    private final INDArray suffixEmb;
    private final LstmCell forward;
    private final LstmCell backward;

    public LstmEncoder(ComputationGraph trained, TaggerConfig c, Vocabularies vocab) {
        this.vocab = vocab;
        this.wordEmb = trained.getLayer(NetworkFactory.WORD_EMB).getParam("W").dup('c');
        this.shapeEmb = trained.getLayer(NetworkFactory.SHAPE_EMB).getParam("W").dup('c');
        this.suffixEmb = trained.getLayer(NetworkFactory.SUFFIX_EMB).getParam("W").dup('c');
        this.forward = new LstmCell(trained.getLayer(NetworkFactory.ENCODER_FORWARD), c.encoderSize());
        this.backward = new LstmCell(trained.getLayer(NetworkFactory.ENCODER_BACKWARD), c.encoderSize());
    }

    /**
     * Encoder states of a batch of non-empty sentences: [S * maxLen, 2E], row s * maxLen + t holds
     * [forward; backward] of token t of sentence s. Rows past a sentence's end are not meaningful.
     */
    public INDArray encodeRows(List<List<String>> batch, int maxLen) {
        int nSent = batch.size();
        int rows = nSent * maxLen;
        int[] words = new int[rows];
        int[] shapes = new int[rows];
        int[] suffixes = new int[rows];
        int[] reversed = new int[rows];     // time-major row of the backward input at (t, s)
        int[] fwdOfToken = new int[rows];   // sentence-major (s, t) -> time-major forward row
        int[] bwdOfToken = new int[rows];   // sentence-major (s, t) -> time-major backward row
        for (int s = 0; s < nSent; s++) {
            List<String> sentence = batch.get(s);
            int len = sentence.size();
            for (int t = 0; t < maxLen; t++) {
                int timeMajor = t * nSent + s;
                if (t < len) {
                    String tok = sentence.get(t);
                    words[timeMajor] = vocab.wordIndex(tok);
                    shapes[timeMajor] = vocab.shapeIndex(tok);
                    suffixes[timeMajor] = vocab.suffixIndex(tok);
                }
                // Backward direction: step t reads token len-1-t, so padding stays at the end.
                int mirrored = t < len ? (len - 1 - t) * nSent + s : timeMajor;
                reversed[timeMajor] = mirrored;
                fwdOfToken[s * maxLen + t] = timeMajor;
                bwdOfToken[s * maxLen + t] = mirrored;
            }
        }
        INDArray features = Nd4j.hstack(Nd4j.pullRows(wordEmb, 1, words), Nd4j.pullRows(shapeEmb, 1, shapes),
                Nd4j.pullRows(suffixEmb, 1, suffixes));
        INDArray fwd = run(forward, forward.project(features), nSent, maxLen);
        INDArray bwd = run(backward, backward.project(Nd4j.pullRows(features, 1, reversed)), nSent, maxLen);
        return Nd4j.hstack(Nd4j.pullRows(fwd, 1, fwdOfToken), Nd4j.pullRows(bwd, 1, bwdOfToken));
    }

    /** Runs one direction over time-major input pre-activations [T*S, 4H] -> hidden states [T*S, H]. */
    private static INDArray run(LstmCell cell, INDArray preActivations, int nSent, int maxLen) {
        int h = cell.hidden();
        INDArray out = Nd4j.create(DataType.FLOAT, (long) maxLen * nSent, h);
        INDArray[] state = {Nd4j.zeros(DataType.FLOAT, nSent, h), Nd4j.zeros(DataType.FLOAT, nSent, h)};
        for (int t = 0; t < maxLen; t++) {
            INDArray z = preActivations.get(NDArrayIndex.interval((long) t * nSent, (long) (t + 1) * nSent),
                    NDArrayIndex.all()).dup('c');
            cell.step(z, state);
            out.get(NDArrayIndex.interval((long) t * nSent, (long) (t + 1) * nSent), NDArrayIndex.all()).assign(state[0]);
        }
        return out;
    }
}
