package dev.groot.model.data;

/** Where a candidate tag sequence came from (METHOD.md step 2). */
public enum Origin {
    /** Returned by beam search under the current model. */
    BEAM,
    /** A beam candidate with a random subset of its errors fixed. */
    CORRECTED,
    /** The gold sequence itself. */
    GOLD
}
