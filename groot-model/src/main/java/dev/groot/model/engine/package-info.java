/**
 * One GROOT iteration without Spark, step by step as METHOD.md numbers them:
 * {@link dev.groot.model.engine.CandidateGenerator} (1 generate),
 * {@link dev.groot.model.correct.Corrector} (2 correct),
 * {@link dev.groot.model.engine.CandidateScorer} (3 score),
 * {@link dev.groot.model.objective.CandidateWeights} (4 contrast/weigh),
 * {@link dev.groot.model.engine.IterationStore} (5 store),
 * {@link dev.groot.model.engine.ModelUpdater} (6 update).
 * {@link dev.groot.model.engine.GrootStep} runs steps 1-4 on a batch of examples;
 * {@link dev.groot.model.engine.GrootTrainer} is the run loop (warm start, iterations, early
 * stopping, resume) written against the interfaces, with local implementations here and Spark
 * ones in groot-spark.
 */
package dev.groot.model.engine;
