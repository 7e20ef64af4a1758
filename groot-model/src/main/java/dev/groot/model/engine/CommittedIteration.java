package dev.groot.model.engine;

/**
 * What the trainer needs to know of a committed iteration.
 *
 * @param selection the dev value of the selection reward
 */
public record CommittedIteration(int iteration, double selection) {
}
