package dev.groot.model.update;

import java.io.Serializable;
import java.util.List;

/**
 * One sentence and the candidate rows trained on it: each row a tag sequence to force and its
 * weight (1 for NLL; a contrastive weight, possibly negative, in GROOT). Validated on construction.
 */
public record SentenceGroup(List<String> tokens, List<Row> rows) implements Serializable {

    /** One teacher-forced row of the group. */
    public record Row(List<String> tags, double weight) implements Serializable {
        public Row {
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("non-finite row weight " + weight + " for tags " + tags);
            }
            tags = List.copyOf(tags);
        }
    }

    public SentenceGroup {
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty sentence in a sentence group");
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("sentence group without rows: " + tokens);
        }
        for (Row r : rows) {
            if (r.tags().size() != tokens.size()) {
                throw new IllegalArgumentException("sentence of " + tokens.size() + " tokens has a row of "
                        + r.tags().size() + " tags: " + tokens);
            }
        }
        tokens = List.copyOf(tokens);
        rows = List.copyOf(rows);
    }

    /** Tokens times rows: what the standard (row) path would process for this group. */
    public long rowTokens() {
        return (long) tokens.size() * rows.size();
    }
}
