package dev.groot.model.data;

/** Where a candidate tag sequence came from (METHOD.md step 2). */
public enum Origin {
    /** Returned by beam search under the current model. */
    BEAM,
    /** A beam candidate with a random subset of its errors fixed. */
    CORRECTED,
    /** The gold sequence itself. */
    GOLD,
    /**
     * Returned by beam search under a cross-fit fold model that never trained on this sentence
     * (scored by the current model like a corrected candidate). Last, so stored ordinals keep their meaning.
     */
    HELD_OUT
}
