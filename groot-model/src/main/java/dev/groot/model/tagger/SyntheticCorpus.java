package dev.groot.model.tagger;

import dev.groot.model.data.Example;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small learnable corpora for tests in every module (seeded, deterministic). {@link #pos} has
 * ambiguous words whose tag depends on the previous tag; {@link #spans} is BIO span tagging of
 * capitalised names (PER after "Mr", LOC after "in").
 */
public final class SyntheticCorpus {
    private static final String[] NOUNS = {"dog", "cat", "bird", "walk", "run", "fish", "park", "book"};
    private static final String[] VERBS = {"sees", "walk", "run", "likes", "fish", "reads", "book"};
    private static final String[] ADJS = {"big", "small", "red", "old"};
    private static final String[] DETS = {"the", "a", "this"};
    private static final String[] FIRST = {"John", "Mary", "Anna", "Peter", "Lee"};
    private static final String[] LAST = {"Smith", "Jones", "Brown", "Lee"};
    private static final String[] PLACES = {"Paris", "New York", "Rome", "San Jose", "Oslo"};

    private SyntheticCorpus() {
    }

    /** Sentences "DT (JJ) NN VB (DT (JJ) NN)" with words ambiguous between NN and VB. */
    public static List<Example> pos(int n, long seed, String split) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> tok = new ArrayList<>();
            List<String> tag = new ArrayList<>();
            nounPhrase(r, tok, tag);
            add(tok, tag, VERBS[r.nextInt(VERBS.length)], "VB");
            if (r.nextBoolean()) {
                nounPhrase(r, tok, tag);
            }
            if (r.nextInt(3) == 0) {
                add(tok, tag, ".", ".");
            }
            out.add(new Example(split + "-" + i, "synthetic-pos", split, tok, tag));
        }
        return out;
    }

    /** BIO spans: "Mr First (Last)" -> O B-PER (I-PER); "in Place" -> O B-LOC (I-LOC); other tokens O. */
    public static List<Example> spans(int n, long seed, String split) {
        Random r = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<String> tok = new ArrayList<>();
            List<String> tag = new ArrayList<>();
            if (r.nextBoolean()) {
                add(tok, tag, "Mr", "O");
                add(tok, tag, FIRST[r.nextInt(FIRST.length)], "B-PER");
                if (r.nextBoolean()) {
                    add(tok, tag, LAST[r.nextInt(LAST.length)], "I-PER");
                }
            } else {
                add(tok, tag, DETS[r.nextInt(DETS.length)], "O");
                add(tok, tag, NOUNS[r.nextInt(NOUNS.length)], "O");
            }
            add(tok, tag, VERBS[r.nextInt(VERBS.length)], "O");
            if (r.nextBoolean()) {
                add(tok, tag, "in", "O");
                String[] place = PLACES[r.nextInt(PLACES.length)].split(" ");
                for (int j = 0; j < place.length; j++) {
                    add(tok, tag, place[j], j == 0 ? "B-LOC" : "I-LOC");
                }
            }
            out.add(new Example(split + "-" + i, "synthetic-spans", split, tok, tag));
        }
        return out;
    }

    /** Unit-weight training rows for the gold sequences. */
    public static List<WeightedSequence> goldRows(List<Example> examples) {
        return examples.stream().map(e -> new WeightedSequence(e.tokens(), e.tags(), 1.0)).toList();
    }

    private static void nounPhrase(Random r, List<String> tok, List<String> tag) {
        add(tok, tag, DETS[r.nextInt(DETS.length)], "DT");
        if (r.nextInt(3) == 0) {
            add(tok, tag, ADJS[r.nextInt(ADJS.length)], "JJ");
        }
        add(tok, tag, NOUNS[r.nextInt(NOUNS.length)], "NN");
    }

    private static void add(List<String> tok, List<String> tag, String word, String t) {
        tok.add(word);
        tag.add(t);
    }
}
