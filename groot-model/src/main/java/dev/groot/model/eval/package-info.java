/**
 * Corpus-level evaluation: micro-averaged tagging metrics ({@link dev.groot.model.eval.CorpusMetrics}),
 * top-K list metrics ({@link dev.groot.model.eval.TopKMetrics}), the calibration of the top-K
 * distribution ({@link dev.groot.model.eval.Calibration}) and paired bootstrap confidence
 * intervals ({@link dev.groot.model.eval.PairedBootstrap}). The accumulators are Serializable
 * sums with {@code add} and {@code merge} so Spark can aggregate partial counts from executors.
 */
package dev.groot.model.eval;
