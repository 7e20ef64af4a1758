package dev.groot.model.objective;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ModelManifest;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TrainingBatches;
import dev.groot.model.tagger.Vocabularies;
import dev.groot.model.tagger.WeightedSequence;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract that lets GROOT run inside DL4J's parameter-averaging trainer: training the network
 * on candidates whose one-hot labels are scaled by w_c = -dL/ds_c gives exactly the gradient of
 * the contrastive loss L itself (KL listwise and pairwise, gold term included, negative weights
 * included). Checked against central finite differences of L along several directions.
 */
class ContrastiveGradientTest {

    private static final List<String> TOKENS = List.of("The", "Grand", "Jury", "said", "Friday");
    private static final List<String> GOLD = List.of("O", "B-TL", "I-TL", "O", "O");
    private static final List<List<String>> CANDIDATES = List.of(
            GOLD,
            List.of("O", "B-TL", "O", "O", "O"),
            List.of("B-TL", "I-TL", "I-TL", "O", "O"),
            List.of("O", "O", "O", "O", "B-TL"),
            List.of("O", "O", "O", "O", "O"));

    @Test
    void klWeightsGiveTheGradientOfTheKlLoss() {
        check(new KlObjective(0.5, 1.5, 0.3));
    }

    @Test
    void pairwiseWeightsGiveTheGradientOfThePairwiseLoss() {
        check(new PairwiseMarginObjective(0.1, 0.2));
    }

    private void check(ContrastiveObjective objective) {
        TaggerConfig config = TaggerConfig.tiny(7);
        List<Example> corpus = List.of(new Example("a", "t", "train", TOKENS, GOLD),
                new Example("b", "t", "train", List.of("Fulton", "County"), List.of("B-TL", "I-TL")));
        Vocabularies vocab = Vocabularies.build(corpus, config);
        TaggerModel model = TaggerModel.create(config, vocab, ModelManifest.create(config, "test", Map.of()));
        ComputationGraph net = model.networkCopy();

        double[] rewards = new double[CANDIDATES.size()];
        for (int c = 0; c < rewards.length; c++) {
            rewards[c] = tokenAccuracy(CANDIDATES.get(c));
        }
        double[] weights = objective.weights(rewards, scores(model, net), 0);
        assertTrue(java.util.Arrays.stream(weights).anyMatch(w -> w < 0), "the check must cover negative weights");

        List<WeightedSequence> rows = new ArrayList<>();
        for (int c = 0; c < CANDIDATES.size(); c++) {
            rows.add(new WeightedSequence(TOKENS, CANDIDATES.get(c), weights[c]));
        }
        MultiDataSet batch = TrainingBatches.build(vocab, rows);
        net.setInputs(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.setLayerMaskArrays(batch.getFeaturesMaskArrays(), batch.getLabelsMaskArrays());
        net.computeGradientAndScore();
        INDArray gradient = net.gradient().gradient().dup();
        net.clearLayerMaskArrays();

        INDArray params = net.params().dup();
        Random random = new Random(11);
        double eps = 5e-3;
        for (int direction = 0; direction < 4; direction++) {
            INDArray d = direction == 0 ? gradient.dup() : Nd4j.randn(random.nextLong(), gradient.shape())
                    .castTo(gradient.dataType());
            d.divi(d.norm2Number());
            double analytic = gradient.mul(d).sumNumber().doubleValue();
            net.setParams(params.add(d.mul(eps)));
            double plus = objective.loss(rewards, scores(model, net), 0);
            net.setParams(params.sub(d.mul(eps)));
            double minus = objective.loss(rewards, scores(model, net), 0);
            net.setParams(params);
            double numeric = (plus - minus) / (2 * eps);
            assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric),
                    "directional derivative " + direction + ": DL4J " + analytic + " vs finite difference " + numeric);
        }
    }

    private static double[] scores(TaggerModel model, ComputationGraph net) {
        TaggerModel at = model.withNetwork(net.clone(), model.manifest());
        List<List<String>> tokens = new ArrayList<>();
        for (int c = 0; c < CANDIDATES.size(); c++) {
            tokens.add(TOKENS);
        }
        return at.logProbs(tokens, CANDIDATES);
    }

    private static double tokenAccuracy(List<String> tags) {
        int ok = 0;
        for (int i = 0; i < tags.size(); i++) {
            ok += tags.get(i).equals(GOLD.get(i)) ? 1 : 0;
        }
        return ok / (double) tags.size();
    }
}
