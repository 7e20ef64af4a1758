package dev.groot.model.objective;

import dev.groot.model.update.SentenceGroup;

import java.util.List;

/** A row's sequence weight restricted to the positions where it agrees (or disagrees) with the gold. */
final class PositionWeights {

    private PositionWeights() {
    }

    /** @param agreeing true: weight where the row's tag equals the gold's; false: where it differs */
    static SentenceGroup.Row where(SentenceGroup.Row row, List<String> gold, boolean agreeing) {
        List<String> tags = row.tags();
        if (tags.size() != gold.size()) {
            throw new IllegalArgumentException("a row of " + tags.size() + " tags against " + gold.size() + " gold tags");
        }
        float[] at = new float[tags.size()];
        for (int t = 0; t < at.length; t++) {
            at[t] = tags.get(t).equals(gold.get(t)) == agreeing ? (float) row.weight() : 0f;
        }
        return new SentenceGroup.Row(tags, row.weight(), at);
    }
}
