package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.engine.local.InMemoryIterationStore;
import dev.groot.model.engine.local.LocalCandidateSource;
import dev.groot.model.engine.local.LocalEvaluator;
import dev.groot.model.engine.local.LocalModelUpdater;
import dev.groot.model.engine.local.LocalWarmStart;
import dev.groot.model.tagger.ModelIO;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole GROOT runs without Spark: in-memory store, local updater. */
class GrootTrainerTest {

    static final TaggerConfig CONFIG = GrootStepTest.CONFIG;
    static final List<Example> TRAIN = SyntheticCorpus.spans(24, 1, "train");
    static final List<Example> DEV = SyntheticCorpus.spans(8, 2, "dev");
    static final GrootMethod METHOD = GrootMethod.of("span-fbeta:beta=1", "kl", 0.5, 1.0, 0.5, 0.1, 2, false);

    record Run(InMemoryIterationStore store, RunProgress progress, List<String> log) {
    }

    static GrootTrainer<List<Candidate>> trainer(InMemoryIterationStore store, int iterations, FaultHook faults,
                                                 List<String> log) {
        LocalEvaluator dev = new LocalEvaluator(DEV, METHOD.evaluationRewards(List.of("token-accuracy")), 3, 4, true, 8);
        return new GrootTrainer<>(store,
                new LocalWarmStart(TRAIN, dev, CONFIG, 2, 2, 8, 13L, log::add),
                new LocalCandidateSource(TRAIN, new StepSettings(3, 4, true, 13L, 0, 8), METHOD),
                new LocalModelUpdater(store, TRAIN, 8, 13L, 0.0),
                dev, new TrainerSettings(iterations, 5, 1, Double.NaN, "span-fbeta:beta=1.0",
                        java.util.Map.of("groot.reward", "span-fbeta:beta=1.0", "groot.k", "3")), faults, log::add);
    }

    static Run run(int iterations) {
        InMemoryIterationStore store = new InMemoryIterationStore("test");
        List<String> log = new ArrayList<>();
        RunProgress p = trainer(store, iterations, FaultHook.NONE, log).run();
        return new Run(store, p, log);
    }

    @Test
    void twoIterationsEndToEnd() {
        Run r = run(2);
        assertEquals(List.of(0, 1, 2), r.progress().committed().stream().map(CommittedIteration::iteration).toList());
        for (int t = 1; t <= 2; t++) {
            List<Candidate> cands = r.store().candidates(t);
            assertEquals(TRAIN.size(), cands.stream().map(Candidate::exampleId).distinct().count());
            assertEquals(Long.valueOf(cands.size()), r.store().committedRows().get(t));
            // what the update kept and left out adds up to the stored rows (min weight 0: rows with w = 0 left out)
            IterationCounts counts = r.store().committedCounts().get(t);
            assertEquals(cands.stream().filter(c -> c.weight() != 0.0).count(), counts.updateRows());
            assertEquals(cands.size(), counts.updateRows() + counts.updateRowsLeftOut());
            // token-unit corrections on BIO spans make invalid sequences: dropped before scoring and counted
            assertTrue(counts.invalidBioDropped() > 0, counts.toString());
            assertTrue(String.join("\n", r.log()).contains(String.format(java.util.Locale.ROOT,
                    "%,d invalid BIO candidates dropped", counts.invalidBioDropped())), String.join("\n", r.log()));
            assertTrue(cands.stream().anyMatch(c -> c.weight() < 0), "KL weights are negative for some candidates");
            assertFalse(r.store().metrics(t).metrics().isEmpty());
        }
        // The update changed the model: iteration 2's candidates were generated with another model.
        assertFalse(java.util.Arrays.equals(params(r.store(), 1), params(r.store(), 2)));
        assertTrue(String.join("\n", r.log()).contains("update epoch 1/1"), String.join("\n", r.log()));
        // Provenance: the checkpoint records which iteration it is.
        assertEquals("2", r.store().readCheckpoint(2).manifest().extras().get("iteration"));
        assertEquals("span-fbeta:beta=1.0", r.store().readCheckpoint(0).manifest().extras().get("groot.reward"));
    }

    @Test
    void aSeededRunIsReproducible() {
        Run a = run(2);
        Run b = run(2);
        for (int t = 1; t <= 2; t++) {
            assertEquals(a.store().candidates(t), b.store().candidates(t), "candidates of iteration " + t);
        }
        for (int t = 0; t <= 2; t++) {
            assertEquals(a.store().metrics(t), b.store().metrics(t), "metrics of iteration " + t);
            assertArrayEquals(params(a.store(), t), params(b.store(), t), "parameters of iteration " + t);
        }
    }

    @Test
    void aKilledRunResumesToTheSameResult() {
        Run reference = run(2);
        InMemoryIterationStore store = new InMemoryIterationStore("test");
        List<String> log = new ArrayList<>();
        FaultHook killDuringSecondUpdate = new FaultHook() {
            int updates;

            @Override
            public void reached(String point) {
                if (point.equals("during-update") && ++updates == 2) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThrows(IllegalStateException.class, () -> trainer(store, 2, killDuringSecondUpdate, log).run());
        assertEquals(1, store.open().lastIteration());
        assertTrue(store.hasCandidates(2), "iteration 2's candidates were stored before the kill");

        List<String> log2 = new ArrayList<>();
        RunProgress resumed = trainer(store, 2, FaultHook.NONE, log2).run();
        assertEquals(2, resumed.lastIteration());
        assertTrue(String.join("\n", log2).contains("already stored"), String.join("\n", log2));
        for (int t = 1; t <= 2; t++) {
            assertEquals(reference.store().candidates(t), store.candidates(t), "candidates of iteration " + t);
            assertArrayEquals(params(reference.store(), t), params(store, t), "parameters of iteration " + t);
        }
        assertEquals(reference.progress(), resumed.withRunId(reference.progress().runId()));
    }

    @Test
    void patienceStopsTheRun() {
        RunProgress p = new RunProgress("r", List.of(new CommittedIteration(0, 0.5), new CommittedIteration(1, 0.4),
                new CommittedIteration(2, 0.4)), 0);
        assertTrue(p.patienceExhausted(2));
        assertFalse(p.patienceExhausted(3));
        assertEquals(3, p.with(new CommittedIteration(3, 0.6)).best());
        assertEquals(0, p.with(new CommittedIteration(3, 0.5)).best(), "a tie keeps the earlier iteration");
    }

    private static float[] params(InMemoryIterationStore store, int t) {
        return ModelIO.fromBytes(store.checkpointBytes(t)).networkCopy().params().toFloatVector();
    }
}
