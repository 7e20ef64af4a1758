package dev.groot.model.decode;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.SyntheticCorpus;
import dev.groot.model.tagger.TaggerConfig;
import dev.groot.model.tagger.TaggerModel;
import dev.groot.model.tagger.TestModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast teacher-forced scores against the DL4J training graph's, on sentences of realistic length. */
class TeacherForcedScorerTest {
    private static final double TOL = 1e-4;
    private static List<Example> longDev;
    private static TaggerModel model;

    /** Synthetic sentences joined into sentences of 30-60 tokens. */
    private static List<Example> joined(List<Example> parts, long seed, String split) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>();
        List<String> tok = new ArrayList<>();
        List<String> tag = new ArrayList<>();
        int target = 30 + r.nextInt(31);
        for (Example e : parts) {
            if (tok.size() + e.tokens().size() > 60) {
                target = tok.size(); // no room for this part: close the sentence (it has >= 30 tokens)
            } else {
                tok.addAll(e.tokens());
                tag.addAll(e.tags());
            }
            if (tok.size() >= target) {
                out.add(new Example(split + "-" + out.size(), "joined", split, List.copyOf(tok), List.copyOf(tag)));
                tok.clear();
                tag.clear();
                target = 30 + r.nextInt(31);
            }
        }
        return out;
    }

    @BeforeAll
    static void train() {
        List<Example> train = joined(SyntheticCorpus.spans(900, 51, "train"), 52, "train");
        longDev = joined(SyntheticCorpus.spans(3000, 53, "dev"), 54, "dev");
        TaggerConfig c = new TaggerConfig(16, 4, 8, 8, 24, 20, 0.0, 1, 2, 55L, "adam", 1e-2, 0.0, 0.0);
        model = TestModels.trained(train, c, 3);
    }

    @Test
    void candidateScoresEqualTheTrainingGraphOnLongSentences() {
        assertTrue(longDev.size() >= 12, "dev sentences: " + longDev.size());
        List<List<String>> xs = TestModels.tokens(longDev).subList(0, 12);
        for (List<String> x : xs) {
            assertTrue(x.size() >= 30 && x.size() <= 60, "length " + x.size());
        }
        // Rows as a GROOT iteration scores them: gold, beam candidates and corrupted copies, mixed order.
        List<List<ScoredSequence>> top = model.topK(xs, 4, 6);
        List<List<String>> tok = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        Random r = new Random(56);
        for (int i = xs.size() - 1; i >= 0; i--) {
            tok.add(xs.get(i));
            tags.add(longDev.get(i).tags());
            for (ScoredSequence s : top.get(i)) {
                tok.add(new ArrayList<>(xs.get(i))); // equal, not identical: grouping is by content
                tags.add(s.tags());
                List<String> changed = new ArrayList<>(s.tags());
                changed.set(r.nextInt(changed.size()), model.vocabularies().tag(r.nextInt(model.vocabularies().numTags())));
                tok.add(xs.get(i));
                tags.add(changed);
            }
        }
        double[] fast = model.logProbs(tok, tags);
        double[] graph = new GraphScorer(model.networkCopy(), model.vocabularies()).logProbs(tok, tags);
        double spread = 0;
        for (int j = 0; j < fast.length; j++) {
            assertEquals(graph[j], fast[j], TOL, "row " + j + " " + tags.get(j));
            spread = Math.max(spread, Math.abs(graph[j] - graph[0]));
        }
        assertTrue(spread > 1.0, "scores should differ between rows, spread " + spread);
        // batch composition does not matter: rows scored in batches of 1 and 5 sentences
        StepDecoder d = new StepDecoder(model.networkCopy(), model.config(), model.vocabularies());
        double[] one = new TeacherForcedScorer(d).logProbs(tok, tags, 1);
        double[] five = new TeacherForcedScorer(d).logProbs(tok, tags, 5);
        for (int j = 0; j < fast.length; j++) {
            assertEquals(fast[j], one[j], 1e-5);
            assertEquals(fast[j], five[j], 1e-5);
        }
    }

    @Test
    void beamScoresEqualTheTrainingGraphOnLongSentences() {
        List<List<String>> xs = TestModels.tokens(longDev).subList(12, 18);
        List<List<ScoredSequence>> top = model.topK(xs, 8, 8, true, 4);
        List<List<String>> tok = new ArrayList<>();
        List<List<String>> tags = new ArrayList<>();
        List<Double> claimed = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            assertEquals(8, top.get(i).size());
            for (ScoredSequence s : top.get(i)) {
                tok.add(xs.get(i));
                tags.add(s.tags());
                claimed.add(s.logProb());
            }
        }
        double[] graph = new GraphScorer(model.networkCopy(), model.vocabularies()).logProbs(tok, tags);
        for (int j = 0; j < graph.length; j++) {
            assertEquals(graph[j], claimed.get(j), TOL, "row " + j);
        }
    }

    @Test
    void rejectsMismatchedInput() {
        assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(List.of("a")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> model.logProbs(List.of(List.of("a", "b")), List.of(List.of("O"))));
        assertThrows(IllegalArgumentException.class, () -> new TeacherForcedScorer(
                new StepDecoder(model.networkCopy(), model.config(), model.vocabularies())).logProbs(List.of(), List.of(), 0));
    }
}
