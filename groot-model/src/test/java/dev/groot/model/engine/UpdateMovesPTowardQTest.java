package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.engine.local.InMemoryIterationStore;
import dev.groot.model.engine.local.LocalModelUpdater;
import dev.groot.model.objective.ContrastiveObjective;
import dev.groot.model.objective.KlObjective;
import dev.groot.model.reward.Rewards;
import dev.groot.model.correct.RandomSubsetCorrector;
import dev.groot.model.correct.CorrectionUnit;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TestModels;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real update step (GrootStep weights -> LocalModelUpdater -> the grouped graph, plain SGD)
 * on one sentence's candidate set lowers KL(q || p) over that set, where q = softmax(r / tau_r)
 * and p = softmax(s / tau_s) with s the model's teacher-forced log-probabilities. With the weights'
 * sign flipped the same step raises it, so the test can fail.
 */
class UpdateMovesPTowardQTest {

    private static final double TAU_R = 0.25;
    private static final double TAU_S = 1.0;
    // SGD, no clipping, no dropout, no L2: the step is exactly -lr * gradient of the weighted NLL
    private static final TaggerConfig SGD = new TaggerConfig(16, 4, 8, 8, 16, 16, 0.0, 1, 3, 5L, "sgd", 0.02, 0.0, 0.0);
    private static final TaggerConfig ADAM = new TaggerConfig(16, 4, 8, 8, 16, 16, 0.0, 1, 3, 5L, "adam", 1e-2, 0.0, 0.0);

    static List<Example> train;
    static TaggerModel model;
    static Example sentence;

    @BeforeAll
    static void setUp() {
        train = SyntheticCorpus.spans(32, 1, "train");
        // train with Adam so the candidates are plausible, then update with SGD (the config decides the updater)
        TaggerModel trained = TestModels.trained(train, ADAM, 2);
        TaggerModel fresh = TestModels.fresh(train, SGD);
        model = fresh.withNetwork(withSgd(trained.networkCopy(), fresh.networkCopy()), fresh.manifest());
        sentence = pickSentence();
    }

    @Test
    void oneStepLowersKlAndTheFlippedStepRaisesIt() {
        List<Candidate> set = candidates(model, new KlObjective(TAU_R, TAU_S, 0.0));
        double before = kl(model, set);
        double after = kl(update(model, set), set);
        assertTrue(after < before, "KL(q||p) " + before + " -> " + after);

        List<Candidate> flippedSet = candidates(model, new Flipped(new KlObjective(TAU_R, TAU_S, 0.0)));
        double flipped = kl(update(model, flippedSet), set);
        assertTrue(flipped > before, "flipped weights: KL(q||p) " + before + " -> " + flipped);
    }

    /** The candidate set of the chosen sentence, weighted by {@code objective}, through GrootStep. */
    private static List<Candidate> candidates(TaggerModel m, ContrastiveObjective objective) {
        GrootMethod method = new GrootMethod(Rewards.parse("span-fbeta:beta=1"),
                new RandomSubsetCorrector(2, CorrectionUnit.SPAN), objective);
        return new GrootStep(m, new StepSettings(4, 4, true, 3L, 1, 8), method).process(List.of(sentence));
    }

    /** One SGD step over the set through the updater GrootTrainer uses (one sentence = one minibatch). */
    private static TaggerModel update(TaggerModel m, List<Candidate> set) {
        InMemoryIterationStore store = new InMemoryIterationStore("kl");
        store.open();
        store.writeCandidates(1, set);
        try (ModelUpdater.UpdateData data = new LocalModelUpdater(store, List.of(sentence), 8, 1L, 0.0).prepare(1, m)) {
            ComputationGraph net = m.networkCopy();
            data.fitter().fitEpoch(net, 1);
            return m.withNetwork(net, m.manifest());
        }
    }

    /** KL(q || p) over the candidate set, p from the model's own teacher-forced scores. */
    private static double kl(TaggerModel m, List<Candidate> set) {
        List<List<String>> tokens = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        double[] r = new double[set.size()];
        for (int i = 0; i < set.size(); i++) {
            tokens.add(sentence.tokens());
            tags.add(set.get(i).tags());
            r[i] = set.get(i).reward();
        }
        double[] s = m.logProbs(tokens, tags);
        double[] q = softmax(r, TAU_R);
        double[] p = softmax(s, TAU_S);
        double kl = 0;
        for (int i = 0; i < q.length; i++) {
            kl += q[i] * Math.log(q[i] / p[i]);
        }
        return kl;
    }

    private static double[] softmax(double[] x, double tau) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v / tau);
        }
        double z = 0;
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.exp(x[i] / tau - max);
            z += out[i];
        }
        for (int i = 0; i < x.length; i++) {
            out[i] /= z;
        }
        return out;
    }

    /** A sentence with at least three candidates of different rewards, so q and p can differ. */
    private static Example pickSentence() {
        for (Example e : train) {
            sentence = e;
            List<Candidate> set = candidates(model, new KlObjective(TAU_R, TAU_S, 0.0));
            long rewards = set.stream().mapToDouble(Candidate::reward).distinct().count();
            if (set.size() >= 3 && rewards >= 3 && kl(model, set) > 0.05) {
                return e;
            }
        }
        throw new IllegalStateException("no sentence with a varied candidate set");
    }

    /** The Adam-trained parameters in the SGD-configured network (same architecture). */
    private static ComputationGraph withSgd(ComputationGraph trained, ComputationGraph sgd) {
        sgd.setParams(trained.params());
        return sgd;
    }

    /** The same objective with every weight negated: the step then climbs KL instead. */
    private record Flipped(ContrastiveObjective inner) implements ContrastiveObjective {
        @Override
        public double[] weights(double[] rewards, double[] logProbs, int goldIndex) {
            double[] w = inner.weights(rewards, logProbs, goldIndex);
            for (int i = 0; i < w.length; i++) {
                w[i] = -w[i];
            }
            return w;
        }

        @Override
        public double loss(double[] rewards, double[] logProbs, int goldIndex) {
            return -inner.loss(rewards, logProbs, goldIndex);
        }
    }
}
