package dev.groot.model.correct;

import java.util.List;

/**
 * Whether a tag sequence is one the BIO-constrained decoder can emit: I-X only right after B-X or
 * I-X of the same type (so never first and never after O). The update must never be asked to raise
 * a sequence the decoder can never produce.
 */
public final class BioValidity {
    private BioValidity() {
    }

    public static boolean isValid(List<String> tags) {
        String prev = "O";
        for (String t : tags) {
            if (t.startsWith("I-") && (prev.equals("O") || !prev.substring(2).equals(t.substring(2)))) {
                return false;
            }
            prev = t;
        }
        return true;
    }
}
