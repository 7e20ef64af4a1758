package dev.groot.model.correct;

import dev.groot.model.data.Candidate;
import dev.groot.model.data.Example;

import java.io.Serializable;
import java.util.List;

/**
 * METHOD.md step 2: given the beam candidates of one example (with cross-fitting, followed by its
 * held-out candidates, which are corrected the same way), returns the full candidate set:
 * the beam candidates, J corrected variants of each wrong one, and the gold sequence;
 * de-duplicated (first occurrence wins: BEAM before CORRECTED before GOLD), ranks renumbered
 * 0..n-1 in that order. Added candidates have NaN logProb (scored later by a teacher-forced pass).
 * Deterministic for (runSeed, iteration, example id, candidate rank).
 */
public interface Corrector extends Serializable {
    List<Candidate> correct(Example example, List<Candidate> beam, long runSeed, int iteration);

    /** This corrector for a tag set that is (or is not) BIO; correctors that do not care return themselves. */
    default Corrector forTagSet(boolean bioTagSet) {
        return this;
    }
}
