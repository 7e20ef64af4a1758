/**
 * The sentence-grouped training update (issue 11): a sentence's candidate rows share one encoder
 * pass and the encoder half of the decoder's input projection, inside one DL4J output layer
 * ({@link dev.groot.model.update.GroupedTaggerOutputLayer}) with a hand-written LSTM forward and
 * backward ({@link dev.groot.model.update.LstmKernel}), so that DL4J's solver, updater and Spark
 * trainer still do the training. Packed minibatch layout: {@link dev.groot.model.update.GroupedLayout};
 * built by {@link dev.groot.model.update.GroupedBatches}; parameters converted to and from the
 * standard graph (the stored model format) by {@link dev.groot.model.update.GroupedParams}.
 */
package dev.groot.model.update;
