/**
 * Sequence rewards {@code score(gold, predicted)} in [0, 1] (gold first, see {@link
 * dev.groot.model.reward.Reward}): conlleval span extraction ({@link
 * dev.groot.model.reward.Spans}), the built-in rewards, and the spec-string parser that also
 * loads and validates a user's reward class ({@link dev.groot.model.reward.Rewards}).
 */
package dev.groot.model.reward;
