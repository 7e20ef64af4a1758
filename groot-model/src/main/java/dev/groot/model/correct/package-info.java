/**
 * Candidate correction (METHOD.md step 2): from the beam candidates of an example, build the full
 * candidate set with randomly corrected variants and the gold sequence, deterministically seeded.
 */
package dev.groot.model.correct;
