package dev.groot.model.decode;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TestModels;
import dev.groot.model.tagger.Vocabularies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BeamSearchTest {
    private static final double TOL = 1e-4;
    private static List<Example> posTrain;
    private static TaggerModel pos;      // 5 tags, lightly trained
    private static TaggerModel spans;    // BIO, 5 tags, lightly trained
    private static TaggerModel fresh;    // untrained: flat distributions, the hard case for ties

    @BeforeAll
    static void models() {
        posTrain = SyntheticCorpus.pos(120, 1, "train");
        pos = TestModels.trained(posTrain, TaggerConfig.tiny(7), 3);
        spans = TestModels.trained(SyntheticCorpus.spans(120, 2, "train"), TaggerConfig.tiny(8), 3);
        fresh = TestModels.fresh(posTrain, TaggerConfig.tiny(9));
    }

    private static List<List<String>> sentences(List<Example> examples, int n) {
        return TestModels.tokens(examples).subList(0, n);
    }

    @Test
    void beamScoresEqualTeacherForcedScores() {
        for (TaggerModel m : List.of(pos, spans, fresh)) {
            List<List<String>> xs = sentences(SyntheticCorpus.pos(12, 3, "dev"), 12);
            List<List<ScoredSequence>> top = m.topK(xs, 4, 6, false);
            List<List<String>> tok = new ArrayList<>();
            List<List<String>> tags = new ArrayList<>();
            List<Double> claimed = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                assertEquals(4, top.get(i).size());
                for (ScoredSequence s : top.get(i)) {
                    tok.add(xs.get(i));
                    tags.add(s.tags());
                    claimed.add(s.logProb());
                }
            }
            double[] forced = m.logProbs(tok, tags);
            double[] graph = new GraphScorer(m.networkCopy(), m.vocabularies()).logProbs(tok, tags);
            for (int j = 0; j < forced.length; j++) {
                assertEquals(graph[j], claimed.get(j), TOL, "sequence " + tags.get(j));
                assertEquals(graph[j], forced[j], TOL, "sequence " + tags.get(j));
            }
        }
    }

    @Test
    void resultsAreSortedAndDistinct() {
        List<List<ScoredSequence>> top = pos.topK(sentences(posTrain, 10), 5, 8, false);
        for (List<ScoredSequence> list : top) {
            assertEquals(5, list.size());
            assertEquals(5, list.stream().map(ScoredSequence::tags).distinct().count());
            for (int j = 1; j < list.size(); j++) {
                assertTrue(list.get(j - 1).logProb() >= list.get(j).logProb());
            }
        }
    }

    @Test
    void beamOneEqualsGreedy() {
        List<List<String>> xs = sentences(posTrain, 20);
        List<List<String>> greedy = pos.greedy(xs);
        List<List<ScoredSequence>> b1 = pos.topK(xs, 1, 1, true);
        for (int i = 0; i < xs.size(); i++) {
            assertEquals(greedy.get(i), b1.get(i).get(0).tags());
        }
        // greedy also equals step-wise argmax by the naive decoder (independent code path)
        NaiveBeamSearch naive = new NaiveBeamSearch(pos.networkCopy(), pos.vocabularies());
        List<List<ScoredSequence>> nb = naive.topK(xs, 1, 1, TransitionConstraint.none(pos.vocabularies().numTags()));
        for (int i = 0; i < xs.size(); i++) {
            assertEquals(greedy.get(i), nb.get(i).get(0).tags());
        }
    }

    @Test
    void topKEqualsBruteForceEnumeration() {
        // 3 tags (DT-less corpus would still have more): use the spans model restricted to short
        // sentences; its tag set is {B-LOC, B-PER, I-LOC, I-PER, O} (5 tags) -> 5^4 = 625 sequences.
        for (TaggerModel m : List.of(spans, fresh)) {
            Vocabularies v = m.vocabularies();
            int nTags = v.numTags();
            List<List<String>> xs = List.of(List.of("Mr"), List.of("Mr", "Lee"), List.of("in", "New", "York"),
                    List.of("the", "dog", "walk", "book"));
            for (boolean constrain : new boolean[]{false, true}) {
                TransitionConstraint c = TransitionConstraint.forModel(v, constrain);
                int k = 6;
                // a beam as wide as all prefixes is exact
                List<List<ScoredSequence>> top = m.topK(xs, k, (int) Math.pow(nTags, 3), constrain);
                for (int i = 0; i < xs.size(); i++) {
                    List<ScoredSequence> all = enumerate(m, xs.get(i), c);
                    all.sort(Comparator.comparingDouble(ScoredSequence::logProb).reversed());
                    List<ScoredSequence> got = top.get(i);
                    assertEquals(Math.min(k, all.size()), got.size());
                    for (int j = 0; j < got.size(); j++) {
                        assertEquals(all.get(j).logProb(), got.get(j).logProb(), TOL, "rank " + j + " of " + xs.get(i));
                        // same sequence unless two scores are a near-tie
                        boolean nearTie = (j > 0 && all.get(j - 1).logProb() - all.get(j).logProb() < TOL)
                                || (j + 1 < all.size() && all.get(j).logProb() - all.get(j + 1).logProb() < TOL);
                        if (!nearTie) {
                            assertEquals(all.get(j).tags(), got.get(j).tags());
                        }
                    }
                }
            }
        }
    }

    private static List<ScoredSequence> enumerate(TaggerModel m, List<String> sentence, TransitionConstraint c) {
        Vocabularies v = m.vocabularies();
        int n = sentence.size();
        int nTags = v.numTags();
        List<List<String>> tok = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        int total = (int) Math.pow(nTags, n);
        for (int code = 0; code < total; code++) {
            int[] seq = new int[n];
            int x = code;
            for (int t = 0; t < n; t++) {
                seq[t] = x % nTags;
                x /= nTags;
            }
            if (!c.accepts(seq, v.bosIndex())) {
                continue;
            }
            List<String> y = new ArrayList<>();
            for (int t : seq) {
                y.add(v.tag(t));
            }
            tok.add(sentence);
            tags.add(y);
        }
        double[] s = new GraphScorer(m.networkCopy(), v).logProbs(tok, tags);
        List<ScoredSequence> out = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            out.add(new ScoredSequence(tags.get(i), s[i]));
        }
        return out;
    }

    @Test
    void bioConstraintNeverEmitsInvalidSequences() {
        Vocabularies v = spans.vocabularies();
        assertTrue(v.isBio());
        TransitionConstraint bio = TransitionConstraint.bio(v);
        List<List<String>> xs = new ArrayList<>(sentences(SyntheticCorpus.spans(30, 5, "dev"), 30));
        xs.add(List.of("New", "York", "Smith", "in", "Lee"));
        // the untrained model has no reason to respect BIO by itself
        TaggerModel untrained = TestModels.fresh(SyntheticCorpus.spans(50, 2, "train"), TaggerConfig.tiny(3));
        for (TaggerModel m : List.of(spans, untrained)) {
            for (List<ScoredSequence> list : m.topK(xs, 8, 8)) {
                for (ScoredSequence s : list) {
                    int[] idx = s.tags().stream().mapToInt(m.vocabularies()::tagIndex).toArray();
                    assertTrue(bio.accepts(idx, m.vocabularies().bosIndex()), "invalid BIO " + s.tags());
                }
            }
        }
        // and without the constraint the untrained model does produce invalid ones (the test has teeth)
        boolean anyInvalid = untrained.topK(xs, 8, 8, false).stream().flatMap(List::stream).anyMatch(s ->
                !bio.accepts(s.tags().stream().mapToInt(untrained.vocabularies()::tagIndex).toArray(),
                        untrained.vocabularies().bosIndex()));
        assertTrue(anyInvalid);
    }

    @Test
    void fastEqualsNaiveBaseline() {
        List<List<String>> xs = sentences(SyntheticCorpus.pos(8, 11, "dev"), 8);
        for (TaggerModel m : List.of(pos, fresh)) {
            TransitionConstraint none = TransitionConstraint.none(m.vocabularies().numTags());
            List<List<ScoredSequence>> fast = m.topK(xs, 3, 4, false);
            List<List<ScoredSequence>> naive = new NaiveBeamSearch(m.networkCopy(), m.vocabularies()).topK(xs, 3, 4, none);
            for (int i = 0; i < xs.size(); i++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(naive.get(i).get(j).logProb(), fast.get(i).get(j).logProb(), TOL);
                }
            }
        }
    }

    @Test
    void deterministicAcrossRunsAndBatchCompositions() {
        List<List<String>> xs = new ArrayList<>(sentences(SyntheticCorpus.pos(40, 12, "dev"), 40));
        List<List<ScoredSequence>> a = pos.topK(xs, 4, 8, false);
        List<List<ScoredSequence>> b = pos.topK(xs, 4, 8, false);
        assertEquals(a, b);
        // each sentence alone, and in small batches with different neighbours and padding
        BeamSearch small = new BeamSearch(pos.networkCopy(), pos.config(), pos.vocabularies());
        TransitionConstraint none = TransitionConstraint.none(pos.vocabularies().numTags());
        List<List<String>> reversed = new ArrayList<>(xs);
        java.util.Collections.reverse(reversed);
        List<List<ScoredSequence>> c = small.topK(reversed, 4, 8, none, 3);
        for (int i = 0; i < xs.size(); i++) {
            List<ScoredSequence> alone = pos.topK(List.of(xs.get(i)), 4, 8, false).get(0);
            assertSameList(a.get(i), alone);
            assertSameList(a.get(i), c.get(xs.size() - 1 - i));
        }
    }

    @Test
    void concurrentCallsOnOneModelGiveTheSequentialResults() throws Exception {
        List<List<String>> xs = sentences(SyntheticCorpus.pos(30, 13, "dev"), 30);
        List<List<ScoredSequence>> expected = pos.topK(xs, 3, 4, false);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<List<List<ScoredSequence>>>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int batch = 1 + i;
                runs.add(pool.submit(() -> pos.topK(xs, 3, 4, false, batch)));
            }
            for (java.util.concurrent.Future<List<List<ScoredSequence>>> run : runs) {
                List<List<ScoredSequence>> got = run.get();
                for (int i = 0; i < xs.size(); i++) {
                    assertSameList(expected.get(i), got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertSameList(List<ScoredSequence> x, List<ScoredSequence> y) {
        assertEquals(x.size(), y.size());
        for (int j = 0; j < x.size(); j++) {
            assertEquals(x.get(j).tags(), y.get(j).tags());
            assertEquals(x.get(j).logProb(), y.get(j).logProb(), 1e-5);
        }
    }

    @Test
    void rejectsBadWidthsAndHandlesEmptySentences() {
        assertThrows(IllegalArgumentException.class, () -> pos.topK(List.of(List.of("the")), 3, 2, false));
        assertThrows(IllegalArgumentException.class, () -> pos.topK(List.of(List.of("the")), 0, 2, false));
        List<List<ScoredSequence>> r = pos.topK(List.of(List.of(), List.of("the", "dog")), 2, 2, false);
        assertEquals(List.of(new ScoredSequence(List.of(), 0.0)), r.get(0));
        assertFalse(r.get(1).isEmpty());
        assertEquals(0.0, pos.logProbs(List.of(List.of()), List.of(List.of()))[0]);
        assertThrows(IllegalArgumentException.class, () -> pos.topK(List.of(List.of("the")), 1, 1, false, 0));
    }
}
