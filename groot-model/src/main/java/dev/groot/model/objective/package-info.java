/**
 * Contrastive objectives (METHOD.md step 4): each turns one example's candidate rewards r(c) and
 * model scores s(c) into per-candidate weights w_c = -dL/ds(c), so the update is a teacher-forced
 * NLL over the candidates weighted per sequence. {@link dev.groot.model.objective.KlObjective} is
 * the default, {@link dev.groot.model.objective.PairwiseMarginObjective} the BRIO-style option.
 */
package dev.groot.model.objective;
