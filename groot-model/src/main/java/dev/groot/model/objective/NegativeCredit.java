package dev.groot.model.objective;

import dev.groot.model.update.SentenceGroup;

import java.util.List;

/**
 * Where a candidate's negative weight goes in the update. {@code SEQUENCE} (METHOD.md step 4) puts
 * w_c on every position of c, so a wrong candidate also pushes down the tags it shares with the
 * gold after its first error, where its decoder history differs from the gold's and nothing
 * cancels (docs/results/groot-brown-title-grid.md). {@code ERROR_POSITIONS} puts a negative w_c
 * only on the positions where c differs from the gold: the update lowers the wrong decisions, not
 * the right ones around them. Positive weights are placed by {@link PositiveCredit}; both together
 * by {@link CreditRule}. This changes the gradient, not the stored w_c.
 */
public enum NegativeCredit {
    SEQUENCE, ERROR_POSITIONS;

    /** {@code sequence} or {@code error-positions}, as on the command line. */
    public static NegativeCredit parse(String name) {
        return CreditOptions.parse(values(), name, "negative credit");
    }

    public String optionName() {
        return CreditOptions.optionName(this);
    }

    /** One row with its weight placed by this rule against the sentence's gold tags. */
    public SentenceGroup.Row place(SentenceGroup.Row row, List<String> gold) {
        if (this == SEQUENCE || row.weight() >= 0) {
            return row;
        }
        return PositionWeights.where(row, gold, false);
    }

    /** Every row of a sentence group placed against the sentence's gold tags (positive weights unchanged). */
    public SentenceGroup place(SentenceGroup group, List<String> gold) {
        return new CreditRule(this, PositiveCredit.SEQUENCE).place(group, gold);
    }
}
