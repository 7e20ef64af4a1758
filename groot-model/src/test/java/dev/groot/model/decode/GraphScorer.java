package dev.groot.model.decode;

import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * The reference the fast paths are held to: s(y) = log p(y | x) by a teacher-forced pass of the
 * DL4J TRAINING graph, one call per batch of rows (no sorting, no sharing between rows).
 */
final class GraphScorer {
    private final ComputationGraph net;
    private final Vocabularies vocab;

    GraphScorer(ComputationGraph net, Vocabularies vocab) {
        this.net = net;
        this.vocab = vocab;
    }

    double[] logProbs(List<List<String>> x, List<List<String>> y) {
        int maxLen = TrainingBatches.maxLength(x);
        int nTags = vocab.numTags();
        float[] lp = positionLogProbs(x, y, maxLen).dup('c').data().asFloat();
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

    /** Log-probabilities [rows * maxLen, nTags] (row r, position t at r * maxLen + t) of a teacher-forced pass. */
    INDArray positionLogProbs(List<List<String>> x, List<List<String>> y, int maxLen) {
        INDArray[] inputs = TrainingBatches.inputs(vocab, x, y, maxLen);
        INDArray mask = TrainingBatches.mask(x, maxLen);
        INDArray dec = net.output(List.of(NetworkFactory.DECODER), false, inputs, new INDArray[]{mask, mask, mask, mask})[0];
        long h = dec.size(1);
        INDArray rows = dec.permute(0, 2, 1).dup('c').reshape((long) x.size() * maxLen, h);
        Layer out = net.getLayer(NetworkFactory.OUTPUT);
        INDArray w = out.getParam("W");
        INDArray b = out.getParam("b").reshape(1, w.columns());
        return Nd4j.exec(new LogSoftMax(rows.mmul(w).addiRowVector(b), 1))[0];
    }

    /** The training graph's encoder output [S, 2E, T] (the decoder input is filled with tag 0: it cannot reach the encoder). */
    static INDArray encoderStates(ComputationGraph net, Vocabularies v, List<List<String>> batch) {
        int maxLen = TrainingBatches.maxLength(batch);
        List<List<String>> filler = batch.stream().map(s -> s.stream().map(t -> v.tag(0)).toList()).toList();
        INDArray m = TrainingBatches.mask(batch, maxLen);
        return net.output(List.of(NetworkFactory.ENCODER), false, TrainingBatches.inputs(v, batch, filler, maxLen),
                new INDArray[]{m, m, m, m})[0];
    }
}
