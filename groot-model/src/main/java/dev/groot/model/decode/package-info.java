/**
 * Decoding and scoring of the tagger: batched beam search on the trained decoder's weights, the
 * naive per-sentence baseline, teacher-forced scoring, and the BIO transition constraint.
 */
package dev.groot.model.decode;
