package dev.groot.model.tagger;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * Sizes and training settings of the generative tagger (METHOD.md). Validated on construction so
 * that a bad value fails with a message naming the field, not deep inside DL4J.
 *
 * @param encoderSize  LSTM units per direction of the bidirectional encoder
 * @param dropout      probability of DROPPING an input unit of the LSTMs and the output layer (0 = off)
 * @param minWordCount words seen fewer times in training map to the unknown word
 * @param suffixLength number of trailing characters used as the suffix feature
 * @param updater      one of {@link #UPDATERS}
 * @param l2           L2 penalty on weights (0 = off)
 * @param gradientClip per-layer L2 norm clipping threshold (0 = off)
 */
public record TaggerConfig(int wordEmbedding, int shapeEmbedding, int suffixEmbedding, int tagEmbedding,
                           int encoderSize, int decoderSize, double dropout, int minWordCount, int suffixLength,
                           long seed, String updater, double learningRate, double l2, double gradientClip)
        implements Serializable {

    public static final Set<String> UPDATERS = Set.of("adam", "nadam", "sgd", "nesterovs", "rmsprop", "adagrad");

    public TaggerConfig {
        positive("wordEmbedding", wordEmbedding);
        positive("shapeEmbedding", shapeEmbedding);
        positive("suffixEmbedding", suffixEmbedding);
        positive("tagEmbedding", tagEmbedding);
        positive("encoderSize", encoderSize);
        positive("decoderSize", decoderSize);
        positive("minWordCount", minWordCount);
        positive("suffixLength", suffixLength);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("TaggerConfig.dropout must be in [0, 1), got " + dropout);
        }
        if (updater == null || !UPDATERS.contains(updater.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("TaggerConfig.updater must be one of " + UPDATERS + ", got " + updater);
        }
        updater = updater.toLowerCase(Locale.ROOT);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("TaggerConfig.learningRate must be > 0, got " + learningRate);
        }
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("TaggerConfig.l2 must be >= 0, got " + l2);
        }
        if (!(gradientClip >= 0) || Double.isInfinite(gradientClip)) {
            throw new IllegalArgumentException("TaggerConfig.gradientClip must be >= 0 (0 = off), got " + gradientClip);
        }
    }

    /** Sizes aimed at the Brown benchmarks (STACK.md quality notes): big enough, with dropout against overfitting. */
    public static TaggerConfig defaults() {
        return new TaggerConfig(100, 16, 32, 32, 160, 160, 0.35, 2, 3, 42L, "adam", 2e-3, 1e-5, 5.0);
    }

    /** A tiny configuration for unit tests: trains and decodes in milliseconds. */
    public static TaggerConfig tiny(long seed) {
        return new TaggerConfig(8, 4, 4, 4, 8, 8, 0.0, 1, 2, seed, "adam", 1e-2, 0.0, 0.0);
    }

    public TaggerConfig withSeed(long newSeed) {
        return new TaggerConfig(wordEmbedding, shapeEmbedding, suffixEmbedding, tagEmbedding, encoderSize, decoderSize,
                dropout, minWordCount, suffixLength, newSeed, updater, learningRate, l2, gradientClip);
    }

    public TaggerConfig withDropout(double newDropout) {
        return new TaggerConfig(wordEmbedding, shapeEmbedding, suffixEmbedding, tagEmbedding, encoderSize, decoderSize,
                newDropout, minWordCount, suffixLength, seed, updater, learningRate, l2, gradientClip);
    }

    public TaggerConfig withLearningRate(double newLearningRate) {
        return new TaggerConfig(wordEmbedding, shapeEmbedding, suffixEmbedding, tagEmbedding, encoderSize, decoderSize,
                dropout, minWordCount, suffixLength, seed, updater, newLearningRate, l2, gradientClip);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("TaggerConfig." + name + " must be > 0, got " + value);
        }
    }
}
