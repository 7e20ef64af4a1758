/**
 * The generative tagger (METHOD.md): its validated config, vocabularies, the one network factory,
 * the immutable model (network + vocabularies + manifest), training batches with per-sequence
 * weights, and the single-file model format (ModelIO).
 */
package dev.groot.model.tagger;
