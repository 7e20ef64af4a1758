package dev.groot.model.decode;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * s(y) = log p(y | x) by a teacher-forced pass of the TRAINING graph (the reference that beam
 * search must agree with), batched over length-sorted chunks. Thread-safe (graph under a lock).
 */
public final class TeacherForcedScorer {
    private static final int BATCH = 256;

    private final ComputationGraph net;
    private final Vocabularies vocab;

    public TeacherForcedScorer(ComputationGraph net, Vocabularies vocab) {
        this.net = net;
        this.vocab = vocab;
    }

    public double[] logProbs(List<List<String>> tokens, List<List<String>> tags) {
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException(tokens.size() + " sentences but " + tags.size() + " tag sequences");
        }
        double[] out = new double[tokens.size()];
        Integer[] order = new Integer[tokens.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            if (tokens.get(i).size() != tags.get(i).size()) {
                throw new IllegalArgumentException("sequence " + i + ": " + tokens.get(i).size() + " tokens but "
                        + tags.get(i).size() + " tags");
            }
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> tokens.get(i).size()));
        int from = 0;
        while (from < order.length && tokens.get(order[from]).isEmpty()) {
            out[order[from++]] = 0.0;
        }
        for (; from < order.length; from += BATCH) {
            int to = Math.min(order.length, from + BATCH);
            List<List<String>> x = new ArrayList<>(to - from);
            List<List<String>> y = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                x.add(tokens.get(order[i]));
                y.add(tags.get(order[i]));
            }
            double[] scores = scoreBatch(x, y);
            for (int i = from; i < to; i++) {
                out[order[i]] = scores[i - from];
            }
        }
        return out;
    }

    /** Log-probabilities [rows * maxLen, nTags] (row r, position t at r * maxLen + t) of a teacher-forced pass. */
    INDArray positionLogProbs(List<List<String>> x, List<List<String>> y, int maxLen) {
        INDArray[] inputs = TrainingBatches.inputs(vocab, x, y, maxLen);
        INDArray mask = TrainingBatches.mask(x, maxLen);
        INDArray dec;
        synchronized (net) {
            dec = net.output(List.of(NetworkFactory.DECODER), false, inputs, new INDArray[]{mask, mask, mask, mask})[0];
            long h = dec.size(1);
            INDArray rows = dec.permute(0, 2, 1).dup('c').reshape((long) x.size() * maxLen, h);
            return LstmStep.outputLogProbs(net, rows);
        }
    }

    private double[] scoreBatch(List<List<String>> x, List<List<String>> y) {
        int maxLen = TrainingBatches.maxLength(x);
        int nTags = vocab.numTags();
        float[] lp = LstmStep.rowMajor(positionLogProbs(x, y, maxLen));
        double[] out = new double[x.size()];
        for (int r = 0; r < x.size(); r++) {
            double s = 0;
            List<String> tags = y.get(r);
            for (int t = 0; t < tags.size(); t++) {
                s += lp[(r * maxLen + t) * nTags + vocab.tagIndex(tags.get(t))];
            }
            out[r] = s;
        }
        return out;
    }
}
