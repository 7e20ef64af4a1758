package dev.groot.model.decode;

import dev.groot.model.io.BioSpans;
import dev.groot.model.tagger.Vocabularies;

/**
 * Which tag may follow which during decoding. Index {@code nTags} stands for "before the first
 * tag". The constraint only removes choices; the scores of allowed sequences stay the model's own.
 */
public final class TransitionConstraint {
    private final boolean[][] allowed; // [prev (nTags = BOS)][next]
    private final boolean unconstrained;

    private TransitionConstraint(boolean[][] allowed, boolean unconstrained) {
        this.allowed = allowed;
        this.unconstrained = unconstrained;
    }

    public static TransitionConstraint none(int nTags) {
        boolean[][] a = new boolean[nTags + 1][nTags];
        for (boolean[] row : a) {
            java.util.Arrays.fill(row, true);
        }
        return new TransitionConstraint(a, true);
    }

    /** BIO: I-X only after B-X or I-X (so never first, never after O or another type). */
    public static TransitionConstraint bio(Vocabularies v) {
        if (!v.isBio()) {
            throw new IllegalArgumentException("BIO constraint requested but the tag set is not BIO: " + v.tags());
        }
        int n = v.numTags();
        boolean[][] a = new boolean[n + 1][n];
        for (int prev = 0; prev <= n; prev++) {
            String p = prev == n ? "O" : v.tag(prev);
            for (int next = 0; next < n; next++) {
                String t = v.tag(next);
                a[prev][next] = BioSpans.mayFollow(p, t);
            }
        }
        return new TransitionConstraint(a, false);
    }

    /** The constraint TaggerModel applies when asked to: BIO for BIO tag sets, none otherwise. */
    public static TransitionConstraint forModel(Vocabularies v, boolean constrainBio) {
        return constrainBio && v.isBio() ? bio(v) : none(v.numTags());
    }

    public boolean allowed(int prev, int next) {
        return allowed[prev][next];
    }

    boolean[] allowedAfter(int prev) {
        return allowed[prev];
    }

    public boolean isUnconstrained() {
        return unconstrained;
    }

    /** True if the whole sequence of tag indices respects the constraint. */
    public boolean accepts(int[] tags, int bos) {
        int prev = bos;
        for (int t : tags) {
            if (!allowed[prev][t]) {
                return false;
            }
            prev = t;
        }
        return true;
    }
}
