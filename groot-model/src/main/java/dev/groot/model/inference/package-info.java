/**
 * Reward-aware inference over a decoded top-K list: the model distribution renormalised over the
 * K candidates ({@link dev.groot.model.inference.TopKDistribution}), minimum-Bayes-risk selection
 * under a reward ({@link dev.groot.model.inference.MbrSelector}) and the choice between that and
 * the most likely candidate ({@link dev.groot.model.inference.Decoding}). Pure and serializable:
 * Spark jobs run them on executors.
 */
package dev.groot.model.inference;
