package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-fitted candidates: each sentence gets exactly the top K of its own fold's model that the
 * current beam lacks, and GrootStep scores them under the current model.
 */
class HeldOutCandidatesTest {

    static final TaggerConfig CONFIG = new TaggerConfig(16, 4, 8, 8, 16, 16, 0.0, 1, 3, 5L, "adam", 1e-2, 0.0, 5.0);
    static final StepSettings SETTINGS = new StepSettings(3, 4, true, 13L, 1, 8);
    static List<Example> train;
    static TaggerModel current;
    static List<TaggerModel> foldModels;

    @BeforeAll
    static void models() {
        train = SyntheticCorpus.spans(40, 1, "train");
        current = TestModels.trained(train, CONFIG, 3);
        // Two fold models that decode differently (trained on the two halves), so using the wrong
        // fold's model would show.
        List<List<Example>> without = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>()));
        for (Example e : train) {
            without.get(1 - CrossFitFolds.foldOf(e.id(), 2)).add(e);
        }
        foldModels = List.of(TestModels.trained(without.get(0), CONFIG, 1), TestModels.trained(without.get(1), CONFIG, 2));
    }

    @Test
    void eachSentenceGetsItsOwnFoldModelsTopKMinusTheBeam() {
        List<List<Candidate>> beams = CandidateGenerator.generate(current, train, SETTINGS);
        List<List<Candidate>> merged = new HeldOutCandidates(foldModels).add(train, beams, SETTINGS);
        int added = 0;
        for (int i = 0; i < train.size(); i++) {
            Example e = train.get(i);
            TaggerModel own = foldModels.get(CrossFitFolds.foldOf(e.id(), 2));
            List<ScoredSequence> top = own.topK(List.of(e.tokens()), 3, 4, true, 8).get(0);
            Set<List<String>> beamTags = new HashSet<>();
            beams.get(i).forEach(c -> beamTags.add(c.tags()));
            List<List<String>> expected = new ArrayList<>();
            for (ScoredSequence s : top) {
                if (!beamTags.contains(s.tags())) {
                    expected.add(s.tags());
                }
            }
            List<Candidate> set = merged.get(i);
            assertEquals(beams.get(i), set.subList(0, beams.get(i).size()), "the beam comes first, unchanged");
            List<Candidate> heldOut = set.subList(beams.get(i).size(), set.size());
            assertEquals(expected, heldOut.stream().map(Candidate::tags).toList(), e.id());
            for (int r = 0; r < set.size(); r++) {
                assertEquals(r, set.get(r).rank(), "ranks continue after the beam");
            }
            for (Candidate c : heldOut) {
                assertEquals(Origin.HELD_OUT, c.origin());
                assertTrue(Double.isNaN(c.logProb()), "scored later under the current model");
                assertEquals(e.id(), c.exampleId());
            }
            added += heldOut.size();
        }
        assertTrue(added > 0, "the fold models add candidates the current beam lacks");
    }

    @Test
    void theStepScoresHeldOutCandidatesUnderTheCurrentModel() {
        List<Candidate> all = new GrootStep(current, SETTINGS,
                GrootMethod.of("span-fbeta:beta=1", "kl", 0.5, 1.0, 0.5, 0.1, 2, true))
                .withHeldOut(new HeldOutCandidates(foldModels)).process(train);
        Map<String, Example> byId = new LinkedHashMap<>();
        train.forEach(e -> byId.put(e.id(), e));
        List<List<String>> tokens = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        List<Candidate> heldOut = all.stream().filter(c -> c.origin() == Origin.HELD_OUT).toList();
        assertFalse(heldOut.isEmpty());
        for (Candidate c : heldOut) {
            tokens.add(byId.get(c.exampleId()).tokens());
            tags.add(c.tags());
            assertTrue(Double.isFinite(c.weight()) && Double.isFinite(c.reward()));
        }
        double[] teacherForced = current.logProbs(tokens, tags);
        for (int i = 0; i < heldOut.size(); i++) {
            assertEquals(teacherForced[i], heldOut.get(i).logProb(), 1e-4, "s(c) of " + heldOut.get(i));
        }
    }

    @Test
    void withFoldModelPTheContrastUsesEachSentencesFoldModel() {
        double tauR = 0.5;
        double tauS = 1.0;
        double lambda = 0.5;
        List<Candidate> all = new GrootStep(current, SETTINGS,
                GrootMethod.of("span-fbeta:beta=1", "kl", tauR, tauS, lambda, 0.1, 2, true))
                .withHeldOut(new HeldOutCandidates(foldModels, true)).process(train);
        Map<String, List<Candidate>> sets = new LinkedHashMap<>();
        all.forEach(c -> sets.computeIfAbsent(c.exampleId(), id -> new ArrayList<>()).add(c));
        assertEquals(train.size(), sets.size());
        for (Example e : train) {
            List<Candidate> set = sets.get(e.id());
            TaggerModel own = foldModels.get(CrossFitFolds.foldOf(e.id(), 2));
            List<List<String>> tokens = new ArrayList<>();
            set.forEach(c -> tokens.add(e.tokens()));
            double[] s = own.logProbs(tokens, set.stream().map(Candidate::tags).toList());
            double zq = 0;
            double zp = 0;
            for (int i = 0; i < set.size(); i++) {
                assertEquals(s[i], set.get(i).logProb(), 1e-4, e.id() + " rank " + i + ": s(c) under its fold model");
                zq += Math.exp(set.get(i).reward() / tauR);
                zp += Math.exp(s[i] / tauS);
            }
            for (int i = 0; i < set.size(); i++) {
                Candidate c = set.get(i);
                double gold = c.tags().equals(e.tags()) ? lambda : 0;
                double expected = (Math.exp(c.reward() / tauR) / zq - Math.exp(s[i] / tauS) / zp) / tauS + gold;
                assertEquals(expected, c.weight(), 1e-6, e.id() + " rank " + i + ": w = (q - p_fold) / tau_s");
            }
        }
    }

    @Test
    void withoutFoldModelsTheStepIsUnchanged() {
        GrootMethod method = GrootMethod.of("span-fbeta:beta=1", "kl", 0.5, 1.0, 0.5, 0.1, 2, true);
        assertEquals(new GrootStep(current, SETTINGS, method).process(train),
                new GrootStep(current, SETTINGS, method).withHeldOut(null).process(train));
    }

    @Test
    void refusesASingleModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeldOutCandidates(List.of(current)));
        assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    }
}
