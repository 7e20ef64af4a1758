package dev.groot.model.engine;

import dev.groot.model.tagger.TaggerModel;

/**
 * Runs {@link GrootStep} (steps 1-4) over the training examples with a model: in this JVM, or
 * mapped over the partitions of a cluster with the model shipped once.
 *
 * @param <C> how the platform holds candidates
 */
public interface CandidateSource<C> {
    GeneratedCandidates<C> generate(TaggerModel model, int iteration);
}
