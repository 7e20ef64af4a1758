package dev.groot.model.train;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TestModels;
import dev.groot.model.tagger.WeightedSequence;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NllTrainerTest {

    static double tokenAccuracy(TaggerModel m, List<Example> dev) {
        List<List<String>> pred = m.greedy(TestModels.tokens(dev));
        long ok = 0;
        long n = 0;
        for (int i = 0; i < dev.size(); i++) {
            for (int t = 0; t < dev.get(i).length(); t++) {
                ok += pred.get(i).get(t).equals(dev.get(i).tags().get(t)) ? 1 : 0;
                n++;
            }
        }
        return (double) ok / n;
    }

    @Test
    void lossGoesDownDevImprovesAndTheBestModelIsKept() {
        List<Example> train = SyntheticCorpus.pos(150, 61, "train");
        List<Example> dev = SyntheticCorpus.pos(40, 62, "dev");
        TaggerModel init = TestModels.fresh(train, TaggerConfig.tiny(63));
        List<WeightedSequence> rows = SyntheticCorpus.goldRows(train);
        List<String> lines = new ArrayList<>();
        TrainingResult r = new NllTrainer(6, 3, lines::add).train(init,
                LocalEpochFitter.ofRows(init.vocabularies(), rows, 16, 64), m -> tokenAccuracy(m, dev), rows.size());

        List<EpochStats> h = r.history();
        assertTrue(h.get(h.size() - 1).loss() < h.get(0).loss() * 0.8, "loss " + h);
        double before = tokenAccuracy(init, dev);
        assertTrue(r.bestDevMetric() > before + 0.2, "dev " + before + " -> " + r.bestDevMetric());
        assertTrue(r.bestDevMetric() > 0.9, "dev accuracy " + r.bestDevMetric());
        assertEquals(h.stream().mapToDouble(EpochStats::devMetric).max().orElseThrow(), r.bestDevMetric());
        assertEquals(r.bestDevMetric(), tokenAccuracy(r.best(), dev), 1e-12, "the returned model is the best one");
        assertEquals(Integer.toString(r.bestEpoch()), r.best().manifest().extras().get("epoch"));
        assertTrue(h.get(0).tokensPerSecond() > 0 && h.get(0).examplesPerSecond() > 0);
        assertTrue(lines.get(0).matches("epoch 1/6 +loss [0-9.]+ +dev [0-9.]+.* ex/s .* tok/s .*ETA .*"), lines.get(0));
        // the initial model is untouched
        assertEquals(before, tokenAccuracy(init, dev), 1e-12);
    }

    @Test
    void patienceStopsAndKeepsTheBestEpoch() {
        List<Example> train = SyntheticCorpus.pos(10, 71, "train");
        TaggerModel init = TestModels.fresh(train, TaggerConfig.tiny(72));
        double[] script = {0.5, 0.7, 0.6, 0.65, 0.69, 0.9, 0.95};
        AtomicInteger calls = new AtomicInteger();
        EpochFitter fitter = (net, epoch) -> 1.0 / epoch;
        List<String> lines = new ArrayList<>();
        TrainingResult r = new NllTrainer(7, 3, lines::add).train(init, fitter,
                m -> script[calls.getAndIncrement()], 10);
        assertTrue(r.stoppedEarly());
        assertEquals(5, r.history().size(), "epochs 3, 4, 5 did not improve on epoch 2");
        assertEquals(2, r.bestEpoch());
        assertEquals(0.7, r.bestDevMetric());
        assertEquals("2", r.best().manifest().extras().get("epoch"));
        assertTrue(lines.get(lines.size() - 1).startsWith("early stop"));
        assertTrue(Double.isNaN(r.history().get(0).tokensPerSecond()));

        calls.set(0);
        TrainingResult full = new NllTrainer(2, 1, null).train(init, fitter, m -> script[calls.getAndIncrement()], 10);
        assertFalse(full.stoppedEarly());
        assertEquals(2, full.bestEpoch());
        assertThrows(IllegalArgumentException.class, () -> new NllTrainer(0, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new NllTrainer(1, 0, null));
    }

    @Test
    void localEpochOrderIsDeterministicPerEpoch() {
        List<Example> train = SyntheticCorpus.pos(100, 81, "train");
        TaggerModel m = TestModels.fresh(train, TaggerConfig.tiny(82));
        LocalEpochFitter<?> a = LocalEpochFitter.ofRows(m.vocabularies(), SyntheticCorpus.goldRows(train), 8, 5);
        LocalEpochFitter<?> b = LocalEpochFitter.ofRows(m.vocabularies(), SyntheticCorpus.goldRows(train), 8, 5);
        assertEquals(a.batches(3), b.batches(3));
        assertFalse(a.batches(3).equals(a.batches(4)));
        assertEquals(100, a.batches(1).stream().mapToInt(List::size).sum());
    }
}
