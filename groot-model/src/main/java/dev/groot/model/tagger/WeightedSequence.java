package dev.groot.model.tagger;

import java.io.Serializable;
import java.util.List;

/**
 * One training row of a (weighted) teacher-forced NLL update: the sentence, the tag sequence to
 * force and its sequence weight (1 for plain NLL; the contrastive weight w_c in GROOT, may be
 * negative).
 */
public record WeightedSequence(List<String> tokens, List<String> tags, double weight) implements Serializable {
    public WeightedSequence {
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException(tokens.size() + " tokens but " + tags.size() + " tags");
        }
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
    }
}
