package dev.groot.spark.job;

import dev.groot.model.data.Example;
import dev.groot.model.tagger.ScoredSequence;
import dev.groot.model.tagger.TaggerModel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Span F1 written out in the tests, independent of the main code's rewards and metrics, so job
 * figures can be checked against it: labelled spans as "type:start:end", an I-X that does not
 * continue X starts a span (conlleval).
 */
final class SpanF1 {
    private SpanF1() {
    }

    static Set<String> spans(List<String> tags) {
        Set<String> out = new HashSet<>();
        String type = null;
        int start = 0;
        for (int i = 0; i <= tags.size(); i++) {
            String t = i < tags.size() ? tags.get(i) : "O";
            boolean continues = type != null && t.equals("I-" + type);
            if (!continues) {
                if (type != null) {
                    out.add(type + ":" + start + ":" + i);
                }
                type = t.equals("O") ? null : t.substring(2);
                start = i;
            }
        }
        return out;
    }

    static int overlap(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.size();
    }

    /** Corpus micro F1 of the first candidate of each sentence (both sides empty = 1). */
    static double micro(List<Example> examples, List<List<ScoredSequence>> top) {
        int tp = 0;
        int pred = 0;
        int gold = 0;
        for (int i = 0; i < examples.size(); i++) {
            Set<String> g = spans(examples.get(i).tags());
            Set<String> p = spans(top.get(i).get(0).tags());
            tp += overlap(g, p);
            pred += p.size();
            gold += g.size();
        }
        return pred + gold == 0 ? 1.0 : 2.0 * tp / (pred + gold);
    }

    /** One sentence's F1 (both empty = 1). */
    static double sentence(List<String> gold, List<String> predicted) {
        Set<String> g = spans(gold);
        Set<String> p = spans(predicted);
        return g.isEmpty() && p.isEmpty() ? 1.0 : 2.0 * overlap(g, p) / (g.size() + p.size());
    }

    /** Greedy (k = 1, beam 1, BIO-constrained) corpus F1 of a model, decoded here with the model's own beam search. */
    static double greedy(TaggerModel m, List<Example> examples) {
        return micro(examples, m.topK(examples.stream().map(Example::tokens).toList(), 1, 1, true));
    }
}
