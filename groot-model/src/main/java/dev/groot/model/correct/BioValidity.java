package dev.groot.model.correct;

import dev.groot.model.io.BioSpans;

import java.util.List;

/**
 * Whether a tag sequence is one the BIO-constrained decoder can emit: every transition allowed by
 * {@link BioSpans#mayFollow}, the rule the decoder's {@code TransitionConstraint} uses too. The
 * update must never be asked to raise a sequence the decoder can never produce.
 */
public final class BioValidity {
    private BioValidity() {
    }

    public static boolean isValid(List<String> tags) {
        String prev = "O";
        for (String t : tags) {
            if (!BioSpans.mayFollow(prev, t)) {
                return false;
            }
            prev = t;
        }
        return true;
    }
}
