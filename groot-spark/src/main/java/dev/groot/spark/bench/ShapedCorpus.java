package dev.groot.spark.bench;

import dev.groot.model.data.Example;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded synthetic corpus with the SHAPE of Brown (what throughput depends on): sentence
 * lengths log-normal around Brown's mean of 20 tokens, words drawn Zipf-like from a vocabulary of
 * about 50k pseudo-words, and either the brown-title tag set (B-TL/I-TL/O, spans on ~2.5% of
 * tokens) or about 200 POS-like tags that depend on the word and the previous tag. Not learnable
 * in any useful sense; only sizes matter.
 */
public final class ShapedCorpus {
    public static final int VOCABULARY = 50_000;
    public static final int POS_TAGS = 200;
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "an", "el",
            "or", "us", "pe", "di", "ho", "ba", "ce", "fu", "gi", "ja"};
    // Log-normal length: exp(mu + sigma^2/2) ~= 20.3 (Brown: 1,161,192 tokens / 57,340 sentences).
    private static final double LEN_MU = 2.80;
    private static final double LEN_SIGMA = 0.65;

    private final double[] cumulative;
    private final boolean pos;

    /** @param pos true: ~200 POS tags (brown-pos shape); false: BIO title spans (brown-title shape) */
    public ShapedCorpus(boolean pos) {
        this.pos = pos;
        this.cumulative = new double[VOCABULARY];
        double sum = 0;
        for (int r = 0; r < VOCABULARY; r++) {
            sum += 1.0 / (r + 2.7); // Zipf-Mandelbrot, exponent 1
            cumulative[r] = sum;
        }
        for (int r = 0; r < VOCABULARY; r++) {
            cumulative[r] /= sum;
        }
    }

    public List<Example> examples(int n, long seed, String split) {
        Random random = new Random(seed);
        List<Example> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = (int) Math.round(Math.exp(LEN_MU + LEN_SIGMA * random.nextGaussian()));
            len = Math.max(1, Math.min(180, len));
            List<String> tokens = new ArrayList<>(len);
            List<String> tags = new ArrayList<>(len);
            int prevTag = 0;
            int spanLeft = 0;
            for (int t = 0; t < len; t++) {
                int w = wordRank(random);
                String word = word(w);
                if (pos) {
                    int tag = random.nextInt(10) == 0 ? (w + prevTag) % POS_TAGS : w % POS_TAGS;
                    tokens.add(word);
                    tags.add("t" + tag);
                    prevTag = tag;
                } else {
                    if (spanLeft == 0 && random.nextInt(80) == 0) {
                        spanLeft = 1 + (random.nextBoolean() ? 0 : 1 + random.nextInt(2));
                        tags.add("B-TL");
                        spanLeft--;
                        tokens.add(capitalised(word));
                    } else if (spanLeft > 0) {
                        tags.add("I-TL");
                        spanLeft--;
                        tokens.add(capitalised(word));
                    } else {
                        tags.add("O");
                        tokens.add(word);
                    }
                }
            }
            out.add(new Example(split + "-" + i, pos ? "shaped-pos" : "shaped-title", split, tokens, tags));
        }
        return out;
    }

    private int wordRank(Random random) {
        double u = random.nextDouble();
        int lo = 0, hi = VOCABULARY - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** A distinct pronounceable word per rank (base-20 digits as syllables). */
    static String word(int rank) {
        StringBuilder b = new StringBuilder();
        int r = rank;
        do {
            b.append(SYLLABLES[r % SYLLABLES.length]);
            r /= SYLLABLES.length;
        } while (r > 0);
        return b.toString();
    }

    private static String capitalised(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
