package dev.groot.model.decode;

import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TestModels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LstmEncoderTest {
    // Trained a little so that biases are non-zero and a padding leak would show.
    private final TaggerModel model = TestModels.trained(SyntheticCorpus.spans(40, 31, "train"), TaggerConfig.tiny(32), 2);

    @Test
    void equalsTheDl4jEncoderGraphOnEveryRealToken() {
        List<List<String>> batch = TestModels.tokens(SyntheticCorpus.spans(9, 33, "dev"));
        batch = new java.util.ArrayList<>(batch);
        batch.add(List.of("Zyx"));                      // length 1 and an unknown word
        ComputationGraph net = model.networkCopy();
        INDArray expected = GraphScorer.encoderStates(net, model.vocabularies(), batch); // [S, 2E, T]
        LstmEncoder encoder = new LstmEncoder(net, model.config(), model.vocabularies());
        LstmEncoder.Workspace ws = encoder.newWorkspace();
        encoder.encode(List.of(List.of("warm", "up", "the", "buffers", "with", "other", "rows")), ws);
        LstmEncoder.Encoded rows = encoder.encode(batch, ws);
        int features = 2 * model.config().encoderSize();
        assertEquals(features, encoder.width());
        assertEquals(batch.stream().mapToInt(List::size).sum(), rows.tokens());
        int compared = 0;
        for (int s = 0; s < batch.size(); s++) {
            for (int t = 0; t < batch.get(s).size(); t++) {
                for (int f = 0; f < features; f++) {
                    assertEquals(expected.getDouble(s, f, t), rows.states()[(rows.offsets()[s] + t) * features + f], 1e-5,
                            "sentence " + s + " token " + t + " feature " + f);
                    compared++;
                }
            }
        }
        assertEquals(features * batch.stream().mapToInt(List::size).sum(), compared);
    }
}
