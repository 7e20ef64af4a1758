package dev.groot.spark.bench;

import dev.groot.model.tagger.TaggerConfig;
import dev.groot.spark.train.TrainingMasterSettings;

/**
 * What one {@code groot bench} run measures and on how much data.
 *
 * @param data               ingested examples (null: synthetic Brown-shaped corpus)
 * @param posShape           synthetic corpus with ~200 POS tags instead of the 3 brown-title tags
 * @param poolSentences      train sentences loaded/generated (0 = the whole split; synthetic: Brown's 46,682);
 *                           the vocabulary, hence the model size, is built from them
 * @param generationSentences sentences decoded by the production beam search
 * @param naiveSentences     sentences decoded by the naive rnnTimeStep baseline
 * @param trainingSentences  gold rows per training epoch (local and Spark)
 * @param iterationSentences train sentences of the full GROOT iteration(s)
 * @param devSentences       dev sentences evaluated by the GROOT iteration(s)
 * @param iterations         GROOT iterations to run (2 checks memory growth)
 * @param threads            decoding task slots (the Spark job's cores)
 */
public record BenchSettings(boolean quick, String data, boolean posShape, TaggerConfig tagger, int poolSentences,
                            int generationSentences, int naiveSentences, int trainingSentences,
                            int iterationSentences, int devSentences, int iterations, int threads, int k, int beam,
                            int corrections, int decodeBatch, TrainingMasterSettings master) {

    public BenchSettings {
        positive("generation sentences", generationSentences);
        positive("naive sentences", naiveSentences);
        positive("training sentences", trainingSentences);
        positive("iteration sentences", iterationSentences);
        positive("dev sentences", devSentences);
        positive("iterations", iterations);
        positive("threads", threads);
        positive("decode batch", decodeBatch);
        if (poolSentences < 0) {
            throw new IllegalArgumentException("pool sentences must be >= 0 (0 = all), got " + poolSentences);
        }
        if (k < 1 || beam < k) {
            throw new IllegalArgumentException("need 1 <= k <= beam, got k=" + k + " beam=" + beam);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }
}
