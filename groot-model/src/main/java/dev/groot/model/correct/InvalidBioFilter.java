package dev.groot.model.correct;

import dev.groot.model.data.Candidate;

import java.util.ArrayList;
import java.util.List;

/**
 * Drops the candidates of a BIO tag set that are invalid BIO sequences (a token-level correction
 * can leave {@code O I-X}; an unconstrained beam can emit one) before they are scored and weighed,
 * and says how many it dropped, so the loss is visible. The gold sequence is always kept: it is the
 * data. Ranks are renumbered 0..n-1 in the same order.
 */
public final class InvalidBioFilter {
    private InvalidBioFilter() {
    }

    /** @param kept the candidate set without the invalid ones; @param dropped how many were removed */
    public record Result(List<Candidate> kept, int dropped) {
    }

    public static Result filter(List<Candidate> candidates, List<String> gold) {
        List<Candidate> kept = new ArrayList<>(candidates.size());
        int dropped = 0;
        for (Candidate c : candidates) {
            if (c.tags().equals(gold) || BioValidity.isValid(c.tags())) {
                kept.add(c.rank() == kept.size() ? c : c.withRank(kept.size()));
            } else {
                dropped++;
            }
        }
        return new Result(dropped == 0 ? candidates : kept, dropped);
    }
}
