package dev.groot.model.engine;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;
import dev.groot.model.data.Origin;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Steps 1-4 of one iteration on a plain list of examples, checked against hand-computed weights. */
class GrootStepTest {

    static final TaggerConfig CONFIG = new TaggerConfig(16, 4, 8, 8, 16, 16, 0.0, 1, 3, 5L, "adam", 1e-2, 0.0, 5.0);
    static List<Example> train;
    static TaggerModel model;

    @BeforeAll
    static void model() {
        train = SyntheticCorpus.spans(24, 1, "train");
        model = TestModels.trained(train, CONFIG, 2);
    }

    @Test
    void klWeightsAreTheObjectiveOfTheScoredCandidates() {
        double tauR = 0.5;
        double tauS = 1.0;
        double lambda = 0.5;
        List<Candidate> all = new GrootStep(model, new StepSettings(3, 4, true, 13L, 1, 8),
                GrootMethod.of("span-fbeta:beta=1", "kl", tauR, tauS, lambda, 0.1, 2, false)).process(train);
        Map<String, List<Candidate>> sets = byExample(all);
        assertEquals(train.size(), sets.size(), "every example has candidates");
        for (Example e : train) {
            List<Candidate> set = sets.get(e.id());
            int gold = goldIndex(set, e);
            assertEquals(1.0, set.get(gold).reward(), 0.0, "gold scores 1");
            double zq = 0;
            double zp = 0;
            for (Candidate c : set) {
                assertTrue(c.reward() >= 0 && c.reward() <= 1);
                zq += Math.exp(c.reward() / tauR);
                zp += Math.exp(c.logProb() / tauS);
            }
            for (int i = 0; i < set.size(); i++) {
                Candidate c = set.get(i);
                assertEquals(i, c.rank(), "ranks 0..n-1 in order");
                double expected = (Math.exp(c.reward() / tauR) / zq - Math.exp(c.logProb() / tauS) / zp) / tauS
                        + (i == gold ? lambda : 0);
                assertEquals(expected, c.weight(), 1e-9, e.id() + " rank " + i);
            }
        }
    }

    @Test
    void pairwiseMarginFromTheSpecIsUsed() {
        double margin = 0.2;
        double lambda = 0.3;
        List<Candidate> all = new GrootStep(model, new StepSettings(3, 4, true, 13L, 1, 8),
                GrootMethod.of("token-accuracy", "pairwise:margin=0.2", 1, 1, lambda, 99, 2, false)).process(train);
        for (Example e : train) {
            List<Candidate> set = byExample(all).get(e.id());
            int gold = goldIndex(set, e);
            for (int i = 0; i < set.size(); i++) {
                double expected = i == gold ? lambda : 0;
                for (int j = 0; j < set.size(); j++) {
                    Candidate a = set.get(i);
                    Candidate b = set.get(j);
                    if (a.reward() != b.reward()) {
                        Candidate better = a.reward() > b.reward() ? a : b;
                        Candidate worse = better == a ? b : a;
                        double hinge = worse.logProb() - better.logProb()
                                + margin * (rank(set, worse) - rank(set, better));
                        if (hinge > 0 && a.reward() > b.reward()) {
                            expected += 1;
                        } else if (hinge > 0) {
                            expected -= 1;
                        }
                    }
                }
                assertEquals(expected, set.get(i).weight(), 1e-12, e.id() + " rank " + i);
            }
        }
    }

    @Test
    void theNllControlUpdatesExactlyTheGoldRowsWithLambda() {
        double lambda = 0.7;
        List<Candidate> all = new GrootStep(model, new StepSettings(3, 4, true, 13L, 1, 8),
                GrootMethod.of("span-fbeta:beta=1", "nll", 0.1, 1, lambda, 0.1, 2, false)).process(train);
        Map<String, List<Candidate>> sets = byExample(all);
        for (Example e : train) {
            List<Candidate> set = sets.get(e.id());
            assertTrue(set.size() > 1, "the control scores the same candidate set, not gold alone");
            int gold = goldIndex(set, e);
            for (int i = 0; i < set.size(); i++) {
                assertEquals(i == gold ? lambda : 0.0, set.get(i).weight(), 0.0, e.id() + " rank " + i);
            }
        }
        // Through the real update's row filter: only the gold rows survive, one per sentence.
        dev.groot.model.engine.local.InMemoryIterationStore store =
                new dev.groot.model.engine.local.InMemoryIterationStore("control");
        store.open();
        store.writeCandidates(1, all);
        try (ModelUpdater.UpdateData data = new dev.groot.model.engine.local.LocalModelUpdater(store, train, 8, 13L,
                1e-3).prepare(1, model)) {
            String expected = String.format(java.util.Locale.ROOT, "over %,d of %,d candidates", train.size(), all.size());
            assertTrue(data.summary().contains(expected), data.summary());
        }
    }

    @Test
    void tokenCorrectionsOnBioNeverReachTheUpdateInvalidAndTheDropIsCounted() {
        // An untrained model errs a lot, so token-level fixes of multi-token spans leave O I-X.
        TaggerModel untrained = TestModels.fresh(train, CONFIG);
        List<List<Candidate>> corrected = new ArrayList<>();
        dev.groot.model.correct.RandomSubsetCorrector tokens =
                new dev.groot.model.correct.RandomSubsetCorrector(4, dev.groot.model.correct.CorrectionUnit.TOKEN);
        dev.groot.model.correct.Corrector spy = (example, beam, seed, iteration) -> {
            List<Candidate> set = tokens.correct(example, beam, seed, iteration);
            corrected.add(set);
            return set;
        };
        GrootMethod method = new GrootMethod(dev.groot.model.reward.Rewards.parse("span-fbeta:beta=1"), spy,
                new dev.groot.model.objective.KlObjective(0.25, 1, 1));
        long[] dropped = {0};
        List<Candidate> all = new GrootStep(untrained, new StepSettings(3, 4, true, 13L, 1, 8), method)
                .onInvalidDropped(n -> dropped[0] += n).process(train);
        long invalid = 0;
        int kept = 0;
        for (List<Candidate> set : corrected) {
            for (Candidate c : set) {
                if (!decodable(c.tags())) {
                    invalid++;
                    assertEquals(Origin.CORRECTED, c.origin(), "the constrained beam emits only valid sequences");
                } else {
                    kept++;
                }
            }
        }
        assertTrue(invalid > 0, "the case must produce O I-X corrections, or it tests nothing");
        assertEquals(invalid, dropped[0]);
        assertEquals(kept, all.size(), "exactly the invalid ones are dropped");
        for (Candidate c : all) {
            assertTrue(decodable(c.tags()), c.exampleId() + " " + c.tags());
        }
        for (List<Candidate> set : byExample(all).values()) {
            for (int i = 0; i < set.size(); i++) {
                assertEquals(i, set.get(i).rank(), "ranks renumbered after the drop");
            }
        }
    }

    @Test
    void autoCorrectionsAreSpansOnBioAndTokensOnPos() {
        List<Example> pos = SyntheticCorpus.pos(16, 3, "train");
        TaggerModel posModel = TestModels.fresh(pos, CONFIG);
        TaggerModel bioModel = TestModels.fresh(train, CONFIG);
        StepSettings s = new StepSettings(3, 4, true, 13L, 1, 8);
        assertEquals(tagsOf(step(bioModel, s, "span").process(train)), tagsOf(step(bioModel, s, "auto").process(train)));
        assertTrue(!tagsOf(step(bioModel, s, "token").process(train)).equals(tagsOf(step(bioModel, s, "auto")
                .process(train))), "on this BIO corpus token and span units give different sets");
        assertEquals(tagsOf(step(posModel, s, "token").process(pos)), tagsOf(step(posModel, s, "auto").process(pos)));
        assertEquals(dev.groot.model.correct.CorrectionUnit.TOKEN, new dev.groot.model.correct.RandomSubsetCorrector(3,
                dev.groot.model.correct.CorrectionUnit.AUTO).forTagSet(posModel.vocabularies().isBio()).unit());
        assertEquals(dev.groot.model.correct.CorrectionUnit.SPAN, new dev.groot.model.correct.RandomSubsetCorrector(3,
                dev.groot.model.correct.CorrectionUnit.AUTO).forTagSet(bioModel.vocabularies().isBio()).unit());
    }

    private static GrootStep step(TaggerModel m, StepSettings s, String unit) {
        return new GrootStep(m, s, GrootMethod.of("token-accuracy", "kl", 0.5, 1, 0.5, 0.1, 3,
                dev.groot.model.correct.CorrectionUnit.parse(unit)));
    }

    private static List<List<String>> tagsOf(List<Candidate> all) {
        return all.stream().map(Candidate::tags).toList();
    }

    /** Written out here, not shared with main code: I-X only right after B-X or I-X. */
    private static boolean decodable(List<String> tags) {
        for (int i = 0; i < tags.size(); i++) {
            String t = tags.get(i);
            if (t.startsWith("I-")) {
                String prev = i == 0 ? "O" : tags.get(i - 1);
                if (!prev.equals("B-" + t.substring(2)) && !prev.equals(t)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void candidatesDoNotDependOnTheBatch() {
        GrootMethod method = GrootMethod.of("span-fbeta:beta=1", "kl", 0.5, 1, 0.5, 0.1, 2, false);
        List<Candidate> one = new GrootStep(model, new StepSettings(3, 4, true, 13L, 1, 64), method).process(train);
        List<Candidate> batched = new ArrayList<>();
        new GrootStep(model, new StepSettings(3, 4, true, 13L, 1, 5), method).apply(train.iterator())
                .forEachRemaining(batched::add);
        assertEquals(one.size(), batched.size());
        for (int i = 0; i < one.size(); i++) {
            Candidate a = one.get(i);
            Candidate b = batched.get(i);
            assertEquals(a.tags(), b.tags());
            assertEquals(a.origin(), b.origin());
            assertEquals(a.logProb(), b.logProb(), 1e-4);
            assertEquals(a.weight(), b.weight(), 1e-4);
        }
    }

    @Test
    void correctedAndGoldCandidatesGetTheirTeacherForcedScore() {
        List<Candidate> all = new GrootStep(model, new StepSettings(2, 2, true, 13L, 1, 8),
                GrootMethod.of("span-fbeta:beta=1", "kl", 0.5, 1, 0.5, 0.1, 2, false)).process(train);
        List<List<String>> tokens = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        List<Candidate> added = all.stream().filter(c -> c.origin() != Origin.BEAM).toList();
        Map<String, Example> byId = new LinkedHashMap<>();
        train.forEach(e -> byId.put(e.id(), e));
        for (Candidate c : added) {
            tokens.add(byId.get(c.exampleId()).tokens());
            tags.add(c.tags());
        }
        double[] expected = model.logProbs(tokens, tags);
        for (int i = 0; i < added.size(); i++) {
            assertEquals(expected[i], added.get(i).logProb(), 1e-4);
        }
    }

    @Test
    void aRewardOutsideZeroOneNamesTheExample() {
        GrootMethod broken = new GrootMethod(new dev.groot.model.reward.Reward() {
            @Override
            public double score(List<String> gold, List<String> predicted) {
                return 2.0;
            }

            @Override
            public String name() {
                return "broken";
            }
        }, new dev.groot.model.correct.RandomSubsetCorrector(0, false),
                new dev.groot.model.objective.KlObjective(1, 1, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new GrootStep(model, new StepSettings(1, 1, true, 1L, 1, 4), broken).process(train));
        assertTrue(e.getMessage().contains("for example train-0"), e.getMessage());
    }

    private static Map<String, List<Candidate>> byExample(List<Candidate> all) {
        Map<String, List<Candidate>> sets = new LinkedHashMap<>();
        for (Candidate c : all) {
            sets.computeIfAbsent(c.exampleId(), k -> new ArrayList<>()).add(c);
        }
        return sets;
    }

    private static int goldIndex(List<Candidate> set, Example e) {
        int gold = -1;
        for (int i = 0; i < set.size(); i++) {
            if (set.get(i).tags().equals(e.tags())) {
                assertEquals(-1, gold, "gold appears once");
                gold = i;
            }
        }
        assertTrue(gold >= 0, "gold is a candidate of " + e.id());
        return gold;
    }

    /** Competition rank by reward, descending (1 = best). */
    private static int rank(List<Candidate> set, Candidate c) {
        int higher = 0;
        for (Candidate o : set) {
            if (o.reward() > c.reward()) {
                higher++;
            }
        }
        return 1 + higher;
    }
}
