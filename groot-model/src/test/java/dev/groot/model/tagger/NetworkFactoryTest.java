package dev.groot.model.tagger;

import dev.groot.model.data.Example;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NetworkFactoryTest {
    private final List<Example> train = SyntheticCorpus.spans(40, 91, "train");
    // trained a little so that biases are non-zero: padding would then visibly leak into the backward LSTM
    private final TaggerModel model = TestModels.trained(train, TaggerConfig.tiny(92), 2);

    /** The encoder output of the full training graph, [S, 2E, T] (decoder input filled with tag 0; it cannot reach the encoder). */
    private static INDArray encode(ComputationGraph net, Vocabularies v, List<List<String>> batch) {
        int maxLen = TrainingBatches.maxLength(batch);
        List<List<String>> filler = batch.stream().map(s -> s.stream().map(t -> v.tag(0)).toList()).toList();
        INDArray m = TrainingBatches.mask(batch, maxLen);
        return net.output(List.of(NetworkFactory.ENCODER), false, TrainingBatches.inputs(v, batch, filler, maxLen),
                new INDArray[]{m, m, m, m})[0];
    }

    @Test
    void encodingDoesNotDependOnPaddingOrBatch() {
        Vocabularies v = model.vocabularies();
        ComputationGraph enc = model.networkCopy();
        List<String> shortSentence = List.of("Mr", "Lee", "sees");
        INDArray alone = encode(enc, v, List.of(shortSentence));
        INDArray padded = encode(enc, v, List.of(List.of("a", "dog", "walk", "in", "New", "York", "today"), shortSentence));
        INDArray row = padded.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        assertArrayEquals(alone.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).dup('c').data().asFloat(),
                row.dup('c').data().asFloat(), 1e-6f);
        assertEquals(2L * model.config().encoderSize(), alone.size(1));
    }
}
