package dev.groot.model.update;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One sentence and the candidate rows trained on it: each row a tag sequence to force and its
 * weight (1 for NLL; a contrastive weight, possibly negative, in GROOT). Validated on construction.
 */
public record SentenceGroup(List<String> tokens, List<Row> rows) implements Serializable {

    /**
     * One teacher-forced row of the group.
     *
     * @param positionWeights the weight of each position, or null for {@code weight} at every position
     *                        (see {@link dev.groot.model.objective.NegativeCredit})
     */
    public record Row(List<String> tags, double weight, float[] positionWeights) implements Serializable {
        public Row {
            if (!Double.isFinite(weight)) {
                throw new IllegalArgumentException("non-finite row weight " + weight + " for tags " + tags);
            }
            tags = List.copyOf(tags);
            if (positionWeights != null) {
                if (positionWeights.length != tags.size()) {
                    throw new IllegalArgumentException(positionWeights.length + " position weights for " + tags.size()
                            + " tags");
                }
                for (float w : positionWeights) {
                    if (!Float.isFinite(w)) {
                        throw new IllegalArgumentException("non-finite position weight " + w + " for tags " + tags);
                    }
                }
                positionWeights = positionWeights.clone();
            }
        }

        /** A row with {@code weight} at every position. */
        public Row(List<String> tags, double weight) {
            this(tags, weight, null);
        }

        /** The weight of position t. */
        public double weightAt(int t) {
            return positionWeights == null ? weight : positionWeights[t];
        }

        @Override
        public float[] positionWeights() {
            return positionWeights == null ? null : positionWeights.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Row r && r.tags.equals(tags) && Double.compare(r.weight, weight) == 0
                    && Arrays.equals(r.positionWeights, positionWeights);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * tags.hashCode() + Double.hashCode(weight)) + Arrays.hashCode(positionWeights);
        }

        @Override
        public String toString() {
            return "Row[tags=" + tags + ", weight=" + weight
                    + (positionWeights == null ? "" : ", positionWeights=" + Arrays.toString(positionWeights)) + "]";
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
