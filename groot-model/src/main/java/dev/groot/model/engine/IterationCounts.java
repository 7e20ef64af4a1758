package dev.groot.model.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one iteration counted on its way from generation to update, so that nothing it leaves out
 * is left out silently: the rows it stored, the invalid BIO candidates dropped before scoring, and
 * the stored rows the update trained on or left out (|w| below {@code --min-update-weight}).
 * A figure that is not known is -1: the dropped count of candidates reused after a resume (they
 * were counted by the attempt that generated them), or the update's counts of iteration 0.
 */
public record IterationCounts(long candidateRows, long invalidBioDropped, long updateRows, long updateRowsLeftOut) {

    public static final long UNKNOWN = -1;

    /** Iteration 0 (the warm start): no candidates, no contrastive update. */
    public static IterationCounts warmStart() {
        return new IterationCounts(0, 0, UNKNOWN, UNKNOWN);
    }

    public IterationCounts withUpdate(long kept, long leftOut) {
        return new IterationCounts(candidateRows, invalidBioDropped, kept, leftOut);
    }

    /** The counts other than candidateRows, under the names the run manifest stores; unknown ones omitted. */
    public Map<String, Long> named() {
        Map<String, Long> m = new LinkedHashMap<>();
        put(m, "invalid_bio_dropped", invalidBioDropped);
        put(m, "update_rows", updateRows);
        put(m, "update_rows_left_out", updateRowsLeftOut);
        return m;
    }

    private static void put(Map<String, Long> m, String name, long value) {
        if (value != UNKNOWN) {
            m.put(name, value);
        }
    }
}
