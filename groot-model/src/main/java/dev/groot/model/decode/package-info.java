/**
 * Decoding and scoring of the tagger on its trained weights as plain matrices ({@link
 * dev.groot.model.decode.StepDecoder}): batched beam search, teacher-forced scoring of candidate
 * rows (one encoder pass per sentence), and the BIO transition constraint. Matrix products run in
 * ND4J on reused per-thread buffers; the elementwise LSTM math runs in Java.
 */
package dev.groot.model.decode;
