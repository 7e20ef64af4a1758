package dev.groot.model.engine;

import dev.groot.model.correct.StableSeed;

/**
 * Assigns every training sentence to one of k folds by a stable hash of its id, the same on every
 * JVM, partitioning and run. Cross-fitting uses it twice: a fold model is trained without one
 * fold's sentences, and later generates the held-out candidates of exactly those sentences, so the
 * errors the contrast sees on a training sentence are errors of a model that never trained on it.
 */
public final class CrossFitFolds {

    /** Salt, so the fold split is not correlated with other hashes of the id (corrections, data caps). */
    private static final long SALT = 0x43524F5353464954L;

    private CrossFitFolds() {
    }

    /** @return the fold of {@code exampleId} in 0..folds-1 */
    public static int foldOf(String exampleId, int folds) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-fitting needs at least 2 folds, got " + folds);
        }
        return (int) Long.remainderUnsigned(StableSeed.mix(StableSeed.hash(exampleId) ^ SALT), folds);
    }
}
