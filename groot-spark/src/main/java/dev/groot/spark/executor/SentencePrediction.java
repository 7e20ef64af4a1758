package dev.groot.spark.executor;

import dev.groot.model.tagger.ScoredSequence;

import java.io.Serializable;
import java.util.List;

/** The top-K decoding of one sentence next to its gold tags. */
public record SentencePrediction(String id, String split, List<String> tokens, List<String> gold,
                                 List<ScoredSequence> topK) implements Serializable {
}
