package dev.groot.model.data;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One tagged sentence: the canonical record every reader produces and every job consumes.
 * Immutable; tokens and tags always have the same, non-zero length.
 */
public record Example(String id, String source, String split, List<String> tokens, List<String> tags)
        implements Serializable {

    public Example {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(tags, "tags");
        if (tokens.size() != tags.size()) {
            throw new IllegalArgumentException("example " + id + ": " + tokens.size() + " tokens but "
                    + tags.size() + " tags");
        }
        tokens = List.copyOf(tokens);
        tags = List.copyOf(tags);
    }

    public int length() {
        return tokens.size();
    }
}
