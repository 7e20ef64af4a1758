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

    private static INDArray encode(ComputationGraph enc, Vocabularies v, List<List<String>> batch) {
        int maxLen = TrainingBatches.maxLength(batch);
        INDArray m = TrainingBatches.mask(batch, maxLen);
        return enc.output(false, TrainingBatches.inputs(v, batch, null, maxLen), new INDArray[]{m, m, m})[0];
    }

    @Test
    void encodingDoesNotDependOnPaddingOrBatch() {
        Vocabularies v = model.vocabularies();
        ComputationGraph enc = NetworkFactory.encoderOf(model.networkCopy(), model.config(), v);
        List<String> shortSentence = List.of("Mr", "Lee", "sees");
        INDArray alone = encode(enc, v, List.of(shortSentence));
        INDArray padded = encode(enc, v, List.of(List.of("a", "dog", "walk", "in", "New", "York", "today"), shortSentence));
        INDArray row = padded.get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(0, 3));
        assertArrayEquals(alone.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all()).dup('c').data().asFloat(),
                row.dup('c').data().asFloat(), 1e-6f);
        assertEquals(2L * model.config().encoderSize(), alone.size(1));
    }

    @Test
    void encoderGraphHasTheTrainedEncoderParameters() {
        Vocabularies v = model.vocabularies();
        ComputationGraph full = model.networkCopy();
        ComputationGraph enc = NetworkFactory.encoderOf(full, model.config(), v);
        List<List<String>> batch = List.of(List.of("Mr", "Lee"), List.of("in", "Rome", "today"));
        int maxLen = 3;
        INDArray m = TrainingBatches.mask(batch, maxLen);
        List<List<String>> tags = List.of(List.of("O", "B-PER"), List.of("O", "B-LOC", "O"));
        INDArray fromFull = full.output(List.of(NetworkFactory.ENCODER), false,
                TrainingBatches.inputs(v, batch, tags, maxLen), new INDArray[]{m, m, m, m})[0];
        assertEquals(fromFull, encode(enc, v, batch));
        assertEquals(full.numParams() - full.getLayer(NetworkFactory.DECODER).numParams()
                - full.getLayer(NetworkFactory.TAG_EMB).numParams() - full.getLayer(NetworkFactory.OUTPUT).numParams(),
                enc.numParams());
    }
}
