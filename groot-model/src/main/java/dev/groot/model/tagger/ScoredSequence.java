package dev.groot.model.tagger;

import java.io.Serializable;
import java.util.List;

/** A complete tag sequence with its model score s(y) = log p(y | x). */
public record ScoredSequence(List<String> tags, double logProb) implements Serializable {
    public ScoredSequence {
        tags = List.copyOf(tags);
    }
}
