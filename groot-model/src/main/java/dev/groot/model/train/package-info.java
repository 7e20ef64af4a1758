/**
 * NLL training orchestration: the epoch loop with dev evaluation, early stopping and best-model
 * selection (NllTrainer), and where an epoch runs (EpochFitter: local here, Spark in groot-spark).
 */
package dev.groot.model.train;
