package dev.groot.model.engine;

import dev.groot.model.eval.EvaluationResult;
import dev.groot.model.tagger.TaggerModel;

import java.util.Map;

/**
 * METHOD.md step 5, store: where a run keeps each iteration's candidates, dev metrics and model
 * checkpoint, and its commit log. An iteration exists for a resumed run exactly when it is
 * committed; anything written for an uncommitted iteration is replaced whole when it is redone.
 *
 * @param <C> how the platform holds candidates
 */
public interface IterationStore<C> {

    /** The committed state to resume from (a new run when nothing is committed; damaged checkpoints roll back). */
    RunProgress open();

    boolean hasCandidates(int iteration);

    long candidateCount(int iteration);

    /** Stores the candidates of an iteration (before the update reads them). */
    void writeCandidates(int iteration, C candidates);

    void writeMetrics(int iteration, EvaluationResult metrics);

    Checkpoint writeCheckpoint(int iteration, TaggerModel model);

    TaggerModel readCheckpoint(int iteration);

    /**
     * Commits an iteration: from now on it exists for a resumed run. Also keeps the store's copy
     * of the best model in step with {@code next.best()}.
     *
     * @param seconds wall time per stage of the iteration
     */
    void commit(RunProgress next, int iteration, Checkpoint checkpoint, IterationCounts counts,
                EvaluationResult metrics, Map<String, Double> seconds);
}
