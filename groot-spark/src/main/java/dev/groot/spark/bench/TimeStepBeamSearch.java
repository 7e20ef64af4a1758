package dev.groot.spark.bench;

import dev.groot.model.decode.TransitionConstraint;
import dev.groot.model.tagger.NetworkFactory;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive baseline the generation bench measures against: beam search with ONE DL4J
 * {@code rnnTimeStep} call per sentence per decoding step (the sentence's beams are the rows of
 * that call). The encoder runs once per sentence (the trained graph's encoder vertex); the decoder
 * is a separate graph (tag embedding + decoder LSTM + softmax) holding copies of the trained
 * parameters, because the bidirectional encoder cannot step. Same scores and the same selection
 * rule as the production search, so top-1 results must agree. Not thread-safe: one instance per thread.
 */
public final class TimeStepBeamSearch {
    private static final String IN_ENCODED = "encoded";

    private final Vocabularies vocab;
    private final ComputationGraph trained;
    private final ComputationGraph decoder;

    /** @param trained a graph of NetworkFactory.build this instance may use alone (pass a copy) */
    public TimeStepBeamSearch(ComputationGraph trained, TaggerConfig c, Vocabularies v) {
        this.vocab = v;
        this.trained = trained;
        this.decoder = decoderGraph(c, v);
        for (String name : new String[]{NetworkFactory.TAG_EMB, NetworkFactory.DECODER, NetworkFactory.OUTPUT}) {
            decoder.getLayer(name).setParams(trained.getLayer(name).params().dup());
        }
    }

    /** Layer for layer the decoder half of {@link NetworkFactory#build} (same names, sizes and order). */
    private static ComputationGraph decoderGraph(TaggerConfig c, Vocabularies v) {
        int nTags = v.numTags();
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).graphBuilder()
                .addInputs(NetworkFactory.IN_PREV_TAGS, IN_ENCODED)
                .addLayer(NetworkFactory.TAG_EMB, new EmbeddingSequenceLayer.Builder().nIn(nTags + 1)
                        .nOut(c.tagEmbedding()).hasBias(false).outputDataFormat(RNNFormat.NCW).build(),
                        NetworkFactory.IN_PREV_TAGS)
                .addVertex("decoderIn", new MergeVertex(), NetworkFactory.TAG_EMB, IN_ENCODED)
                .addLayer(NetworkFactory.DECODER, new LSTM.Builder().nIn(c.tagEmbedding() + 2 * c.encoderSize())
                        .nOut(c.decoderSize()).activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID)
                        .dataFormat(RNNFormat.NCW).build(), "decoderIn")
                .addLayer(NetworkFactory.OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(c.decoderSize()).nOut(nTags).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).build(), NetworkFactory.DECODER)
                .setOutputs(NetworkFactory.OUTPUT);
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();
        return net;
    }

    public List<List<ScoredSequence>> topK(List<List<String>> sentences, int k, int width,
                                           TransitionConstraint constraint) {
        List<List<ScoredSequence>> out = new ArrayList<>(sentences.size());
        for (List<String> s : sentences) {
            out.add(s.isEmpty() ? List.of(new ScoredSequence(List.of(), 0.0)) : decode(s, k, width, constraint));
        }
        return out;
    }

    private List<ScoredSequence> decode(List<String> sentence, int k, int width, TransitionConstraint constraint) {
        int n = sentence.size();
        int nTags = vocab.numTags();
        List<List<String>> one = List.of(sentence);
        INDArray mask = TrainingBatches.mask(one, n);
        // The decoder input of the training graph cannot reach the encoder vertex: fill it with tag 0.
        List<List<String>> filler = List.of(Collections.nCopies(n, vocab.tag(0)));
        INDArray encoded = trained.output(List.of(NetworkFactory.ENCODER), false,
                TrainingBatches.inputs(vocab, one, filler, n), new INDArray[]{mask, mask, mask, mask})[0]; // [1, 2E, n]
        decoder.rnnClearPreviousState();
        int[][] hyps = {new int[0]};
        double[] scores = {0.0};
        for (int t = 0; t < n; t++) {
            int rows = hyps.length;
            float[] prev = new float[rows];
            for (int r = 0; r < rows; r++) {
                prev[r] = t == 0 ? vocab.bosIndex() : hyps[r][t - 1];
            }
            INDArray enc = encoded.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1))
                    .repeat(0, rows);
            INDArray probs = decoder.rnnTimeStep(Nd4j.create(prev, new long[]{rows, 1}, 'c'), enc)[0];
            float[] logp = Nd4j.math().log(probs.reshape(rows, nTags)).dup('c').data().asFloat();
            // Best `width` extensions over all rows: ties go to the earlier row, then the lower tag.
            int[] selParent = new int[width];
            int[] selTag = new int[width];
            double[] selScore = new double[width];
            int count = 0;
            for (int r = 0; r < rows; r++) {
                int prevTag = t == 0 ? vocab.bosIndex() : hyps[r][t - 1];
                for (int y = 0; y < nTags; y++) {
                    if (!constraint.allowed(prevTag, y)) {
                        continue;
                    }
                    double s = scores[r] + logp[r * nTags + y];
                    if (count == width && !(s > selScore[count - 1])) {
                        continue;
                    }
                    int pos = count == width ? count - 1 : count;
                    while (pos > 0 && selScore[pos - 1] < s) {
                        selScore[pos] = selScore[pos - 1];
                        selParent[pos] = selParent[pos - 1];
                        selTag[pos] = selTag[pos - 1];
                        pos--;
                    }
                    selScore[pos] = s;
                    selParent[pos] = r;
                    selTag[pos] = y;
                    if (count < width) {
                        count++;
                    }
                }
            }
            int[][] next = new int[count][];
            for (int j = 0; j < count; j++) {
                next[j] = Arrays.copyOf(hyps[selParent[j]], t + 1);
                next[j][t] = selTag[j];
            }
            hyps = next;
            scores = Arrays.copyOf(selScore, count);
            reorderState(Arrays.copyOf(selParent, count));
        }
        List<ScoredSequence> result = new ArrayList<>(Math.min(k, hyps.length));
        for (int j = 0; j < Math.min(k, hyps.length); j++) {
            List<String> tags = new ArrayList<>(n);
            for (int tag : hyps[j]) {
                tags.add(vocab.tag(tag));
            }
            result.add(new ScoredSequence(tags, scores[j]));
        }
        return result;
    }

    /** Keeps the decoder LSTM state of the surviving beams' parents: one gather per state array. */
    private void reorderState(int[] parents) {
        Map<String, INDArray> state = decoder.rnnGetPreviousState(NetworkFactory.DECODER);
        Map<String, INDArray> next = new HashMap<>();
        for (Map.Entry<String, INDArray> e : state.entrySet()) {
            next.put(e.getKey(), Nd4j.pullRows(e.getValue(), 1, parents));
        }
        decoder.rnnSetPreviousState(NetworkFactory.DECODER, next);
    }
}
